package dev.matrixmigrate.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A secret handed to another program through a temporary file only this user can read, so that it is
 * never on a command line: created with mode 0600 before anything is written into it, deleted on close
 * (and when the JVM exits, should close not be reached).
 */
public final class PrivateFile implements AutoCloseable {
    private final Path path;

    private PrivateFile(Path path) {
        this.path = path;
    }

    public static PrivateFile write(String prefix, String suffix, String content) throws IOException {
        Path file = Files.createTempFile(prefix, suffix,
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
