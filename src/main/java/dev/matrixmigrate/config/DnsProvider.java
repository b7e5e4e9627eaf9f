package dev.matrixmigrate.config;

import dev.matrixmigrate.failure.Failure;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who changes the DNS records: the person ({@code none}), or a generated Ansible play through a provider's API. */
public enum DnsProvider {
    /** The records to change are printed; the person changes them. */
    NONE("none", null),
    /** RFC 2136 dynamic updates signed with a TSIG key (BIND, Knot, PowerDNS): community.general.nsupdate. */
    RFC2136("rfc2136", "--tsig-key-file"),
    /** Cloudflare's API with a token: community.general.cloudflare_dns. */
    CLOUDFLARE("cloudflare", "--cloudflare-token-file");

    private final String label;
    private final String credentialsOption;

    DnsProvider(String label, String credentialsOption) {
        this.label = label;
        this.credentialsOption = credentialsOption;
    }

    public String label() {
        return label;
    }

    /** The option that names the file with this provider's secret; null for none. */
    public String credentialsOption() {
        return credentialsOption;
    }

    public boolean updates() {
        return this != NONE;
    }

    public static DnsProvider parse(String option, String value) {
        return Arrays.stream(values()).filter(p -> p.label.equals(value.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> Failure.invalidInput(option + " '" + value + "' is not a provider: choose "
                        + Arrays.stream(values()).map(DnsProvider::label).collect(Collectors.joining(", "))));
    }
}
