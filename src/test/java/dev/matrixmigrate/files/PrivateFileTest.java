package dev.matrixmigrate.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFileTest {
    @TempDir
    Path dir;

    @Test
    void aSecretIsWrittenPrivatelyNamedAfterItsProcessAndDeletedOnClose() throws Exception {
        Path written;
        try (PrivateFile file = PrivateFile.write("matrix-migrate-test", ".txt", "s3cret")) {
            written = file.path();
            assertEquals("s3cret", Files.readString(written));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
            assertTrue(written.getFileName().toString().startsWith("matrix-migrate-test-" + ProcessHandle.current().pid()
                    + "-"), written.toString());
        }
        assertFalse(Files.exists(written));
    }

    @Test
    void whatAKilledProcessLeftIsRemovedAndNothingElse() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path left = Files.writeString(dir.resolve("matrix-migrate-dns-" + gone.pid() + "-123.yml"), "secret");
        Path mine = Files.writeString(dir.resolve("matrix-migrate-dns-" + ProcessHandle.current().pid() + "-1.yml"), "x");
        Path other = Files.writeString(dir.resolve("matrix-migrate-notes.txt"), "not a secret file");
        PrivateFile.removeLeftOvers(dir);
        assertFalse(Files.exists(left), "the killed process's secret is gone");
        assertTrue(Files.exists(mine), "a running process's file stays");
        assertTrue(Files.exists(other), "other files stay");
    }
}
