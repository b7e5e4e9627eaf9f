package dev.matrixmigrate.files;

import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link FileChange}s: each through a temporary file in the same folder and an atomic move,
 * private files created with mode 0600 from the start, and any file that existed copied to a
 * timestamped backup first.
 */
public final class FileWriter {
    /** Returns the backups made, in the order of the changes. */
    public List<Path> apply(List<FileChange> changes) {
        List<Path> backups = new ArrayList<>();
        for (FileChange change : changes) {
            try {
                Path backup = write(change);
                if (backup != null) {
                    backups.add(backup);
                }
            } catch (IOException e) {
                throw Failure.whileRunning("could not write " + change.path() + ": " + e.getMessage(), e);
            }
        }
        return backups;
    }

    private Path write(FileChange change) throws IOException {
        Path target = change.path().toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path backup = null;
        var permissions = PosixFilePermissions.fromString("rw-r--r--");
        if (Files.exists(target)) {
            permissions = Files.getPosixFilePermissions(target);
            if (Files.readString(target, StandardCharsets.UTF_8).equals(change.content())) {
                return null;
            }
            backup = backupPathFor(target);
            Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path temp = change.secret()
                ? Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, change.content(), StandardCharsets.UTF_8);
            if (!change.secret()) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return backup;
    }

    static Path backupPathFor(Path target) {
        String base = target.getFileName() + ".bak-" + Stamp.now();
        Path candidate = target.resolveSibling(base);
        for (int i = 1; Files.exists(candidate); i++) {
            candidate = target.resolveSibling(base + "-" + i);
        }
        return candidate;
    }
}
