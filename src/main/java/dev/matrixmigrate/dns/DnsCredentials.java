package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.DnsProvider;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.PrivateFile;
import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DNS provider's secret, read from its private file, and handed to the generated play only through
 * another private file of variables ({@code --extra-vars=@FILE}): never on a command line, in a log or
 * in the plan folder.
 */
public final class DnsCredentials {
    private final Map<String, String> variables;

    private DnsCredentials(Map<String, String> variables) {
        this.variables = variables;
    }

    /** Reads and checks the provider's secret file; every problem is one line, exit 2. */
    public static DnsCredentials read(DnsProvider provider, Path file) {
        String option = provider.credentialsOption();
        String text = SecretFile.read(option, file);
        Map<String, String> variables = new LinkedHashMap<>();
        switch (provider) {
            case RFC2136 -> {
                TsigKey key = TsigKey.parse(option, file.toString(), text);
                variables.put("matrix_migrate_tsig_key_name", key.name());
                variables.put("matrix_migrate_tsig_key_algorithm", key.algorithm());
                variables.put("matrix_migrate_tsig_key_secret", key.secret());
            }
            case CLOUDFLARE -> {
                String token = text.strip();
                if (token.isEmpty() || !token.matches("[A-Za-z0-9_-]+")) {
                    throw Failure.invalidInput(option + " " + file + " must hold the API token alone, on one line:"
                            + " write the token Cloudflare gave (Zone.DNS edit) into it");
                }
                variables.put("matrix_migrate_cloudflare_token", token);
            }
            case NONE -> throw new IllegalArgumentException("no credentials without a provider");
        }
        return new DnsCredentials(variables);
    }

    /** The secret as a private file of Ansible variables, deleted when closed. */
    public PrivateFile variablesFile() throws IOException {
        return PrivateFile.write("matrix-migrate-dns", ".yml", SafeYaml.dumper().dump(variables));
    }

    @Override
    public String toString() {
        return "DnsCredentials" + variables.keySet();
    }
}
