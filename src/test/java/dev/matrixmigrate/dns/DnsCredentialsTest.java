package dev.matrixmigrate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.config.DnsProvider;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.PrivateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsCredentialsTest {
    static final String KEY = "key \"matrix-migrate\" {\n\talgorithm hmac-sha256;\n\tsecret \"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=\";\n};\n";

    @TempDir
    Path dir;

    private Path file(String name, String text, String mode) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private String refusal(DnsProvider provider, Path file) {
        Failure failure = assertThrows(Failure.class, () -> DnsCredentials.read(provider, file));
        assertEquals(ExitCode.INVALID_INPUT, failure.exitCode());
        return failure.getMessage();
    }

    @Test
    void aTsigKeyAsTsigKeygenWritesItGoesToAPrivateVariablesFileOnly() throws Exception {
        DnsCredentials credentials = DnsCredentials.read(DnsProvider.RFC2136, file("key.conf", "# made by hand\n" + KEY, "rw-------"));
        assertFalse(credentials.toString().contains("c2VjcmV0"), "the secret never shows in a string");
        Path vars;
        try (PrivateFile file = credentials.variablesFile()) {
            vars = file.path();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vars)));
            String text = Files.readString(vars);
            assertTrue(text.contains("matrix_migrate_tsig_key_name: matrix-migrate\n"), text);
            assertTrue(text.contains("matrix_migrate_tsig_key_algorithm: hmac-sha256\n"), text);
            assertTrue(text.contains("matrix_migrate_tsig_key_secret: c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=\n"), text);
        }
        assertFalse(Files.exists(vars), "the private file is deleted when closed");
    }

    @Test
    void aSecretFileOthersMayReadIsRefusedNamingTheFix() throws Exception {
        Path open = file("key.conf", KEY, "rw-r--r--");
        assertEquals("--tsig-key-file " + open + " can be read by others (mode rw-r--r--): make it private with chmod 600 "
                + open, refusal(DnsProvider.RFC2136, open));
        assertTrue(refusal(DnsProvider.RFC2136, file("group.conf", KEY, "rw-r-----")).contains("can be read by others"));
        assertTrue(refusal(DnsProvider.CLOUDFLARE, file("token", "abc\n", "rw----r--")).startsWith("--cloudflare-token-file"));
    }

    @Test
    void aMissingFileAFolderAndAFileThatIsNoKeyAreRefused() throws Exception {
        assertTrue(refusal(DnsProvider.RFC2136, dir.resolve("nothing.conf")).endsWith("does not exist: give the file that"
                + " holds the secret"));
        assertTrue(refusal(DnsProvider.RFC2136, dir).endsWith("is not a file: give the file that holds the secret"));
        assertTrue(refusal(DnsProvider.RFC2136, file("junk.conf", "secret=abc\n", "rw-------"))
                .contains("is not a TSIG key as tsig-keygen writes it"));
        assertTrue(refusal(DnsProvider.RFC2136, file("md4.conf", KEY.replace("hmac-sha256", "hmac-md4"), "rw-------"))
                .contains("algorithm hmac-md4 is not one of"));
        assertTrue(refusal(DnsProvider.CLOUDFLARE, file("two-words", "abc def\n", "rw-------"))
                .contains("must hold the API token alone, on one line"));
    }

    @Test
    void aCloudflareTokenIsTheFilesOnlyLine() throws Exception {
        DnsCredentials credentials = DnsCredentials.read(DnsProvider.CLOUDFLARE, file("token", "AbC-123_x\n", "r--------"));
        try (PrivateFile file = credentials.variablesFile()) {
            assertEquals("matrix_migrate_cloudflare_token: AbC-123_x\n", Files.readString(file.path()));
        }
    }
}
