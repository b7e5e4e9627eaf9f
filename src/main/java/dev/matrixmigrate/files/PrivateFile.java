package dev.matrixmigrate.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A secret handed to another program through a temporary file only this user can read, so that it is
 * never on a command line: created with mode 0600 before anything is written into it, deleted on close
 * (and when the JVM exits, should close not be reached). Its name holds the pid of the process that wrote
 * it: one left behind by a process killed with SIGKILL is deleted when the next one is written.
 */
public final class PrivateFile implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("matrix-migrate-[a-z]+-(\\d+)-.*");
    private final Path path;

    private PrivateFile(Path path) {
        this.path = path;
    }

    /** @param prefix {@code matrix-migrate-} and a lower-case word saying what the secret is for */
    public static PrivateFile write(String prefix, String suffix, String content) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        removeLeftOvers(dir);
        Path file = Files.createTempFile(dir, prefix + "-" + ProcessHandle.current().pid() + "-", suffix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file.toFile().deleteOnExit();
        PrivateFile written = new PrivateFile(file);
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            written.close();
            throw e;
        }
        return written;
    }

    /** Deletes this user's private files whose process is gone (killed before it could delete them). */
    static void removeLeftOvers(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            for (Path file : files.toList()) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && me.equals(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // best effort: a file that cannot be read or removed here stays private (mode 0600)
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // deleteOnExit is the fallback
        }
    }
}
