package dev.matrixmigrate.dns;

import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reads a file holding a secret, only when nobody but its owner may read it (mode 0600 or stricter). */
final class SecretFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private SecretFile() {
    }

    static String read(String option, Path file) {
        if (!Files.exists(file)) {
            throw Failure.invalidInput(option + " " + file + " does not exist: give the file that holds the secret");
        }
        if (!Files.isRegularFile(file)) {
            throw Failure.invalidInput(option + " " + file + " is not a file: give the file that holds the secret");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw Failure.invalidInput(option + " " + file + " can be read by others (mode "
                        + PosixFilePermissions.toString(mode) + "): make it private with chmod 600 " + file);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.invalidInput(option + " " + file + " cannot be read (" + e.getMessage()
                    + "): give a file this user can read");
        }
    }
}
