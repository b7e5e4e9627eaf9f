package dev.matrixmigrate.terminal;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.PrivateFile;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The sudo password asked with --ask-become-pass: kept in a private temporary file that Ansible
 * reads (--become-password-file) and that is deleted when the run ends, so it never appears on a
 * command line, in a log or in the run folder.
 */
public final class BecomePassword implements AutoCloseable {
    private final PrivateFile file;

    private BecomePassword(PrivateFile file) {
        this.file = file;
    }

    public static BecomePassword none() {
        return new BecomePassword(null);
    }

    public static BecomePassword ask() {
        java.io.Console console = System.console();
        if (console == null) {
            throw Failure.invalidInput("--ask-become-pass needs a terminal: use --become-password-file FILE instead");
        }
        char[] password = console.readPassword("BECOME (sudo) password: ");
        if (password == null) {
            throw Failure.invalidInput("no password given");
        }
        try {
            return new BecomePassword(PrivateFile.write("matrix-migrate-become", ".txt", new String(password)));
        } catch (IOException e) {
            throw Failure.whileRunning("could not keep the password in a private file: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, ' ');
        }
    }

    public List<String> arguments() {
        return file == null ? List.of() : List.of("--become-password-file=" + file.path());
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}
