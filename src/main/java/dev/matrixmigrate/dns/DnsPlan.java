package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.DnsSettings;
import dev.matrixmigrate.failure.Failure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * DNS in a migration: what the zone's server answers now (the survey) and, when it could be asked, what
 * changes right after the cutover and who changes it. A provider that changes records needs the zone's
 * server and the new server's address: without them the plan is refused.
 */
public record DnsPlan(DnsSurvey survey, Optional<DnsChanges> changes) {

    /**
     * @param newServer the new server's address as --to gives it (a name is resolved here) when the settings
     *        give no --dns-address
     */
    public static DnsPlan of(DnsSurvey survey, DnsSettings settings, String newServer) {
        String provider = "--dns-provider " + settings.provider().label();
        if (!survey.available()) {
            if (settings.provider().updates()) {
                throw Failure.invalidInput(provider + " needs the zone's authoritative server, but " + survey.unavailable()
                        + ": give one that answers with --dns-server ADDRESS[:PORT], or use --dns-provider none");
            }
            return new DnsPlan(survey, Optional.empty());
        }
        List<InetAddress> to = settings.addresses().isEmpty() ? resolve(newServer) : settings.addresses();
        if (to.isEmpty() && settings.provider().updates()) {
            throw Failure.invalidInput(provider + ": the new server's address " + newServer + " does not resolve here:"
                    + " give the address the records should hold with --dns-address IP");
        }
        if (settings.provider().updates()) {
            survey.moving().stream().filter(name -> name.zone().isEmpty()).findFirst().ifPresent(name -> {
                throw Failure.invalidInput(provider + ": the DNS server did not say which zone holds " + name.name()
                        + ", so its records cannot be updated: give the zone's primary with --dns-server");
            });
        }
        List<RecordChange> changes = to.isEmpty() ? List.of() : DnsChanges.of(survey.moving(), to, settings.maxTtl());
        return new DnsPlan(survey, Optional.of(new DnsChanges(settings.provider(), settings.credentials(),
                settings.server().or(survey::primary).orElse(survey.server().orElseThrow()), survey.servers(),
                settings.waitFor(), changes)));
    }

    public Optional<String> ttlTooLong() {
        return survey.ttlTooLong();
    }

    /** The survey, then the record sets that move and who changes them, for a person. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(survey.lines());
        changes.ifPresent(planned -> {
            if (planned.changes().isEmpty()) {
                lines.add("No DNS record moves" + (survey.moving().isEmpty() ? "." : ": the new server's address is"
                        + " not known here (give --dns-address)."));
                return;
            }
            lines.add("Right after the cutover, " + (planned.provider().updates() ? "matrix-migrate changes"
                    + " (--dns-provider " + planned.provider().label() + (planned.provider().label().equals("rfc2136")
                            ? " at " + planned.server() : "") + ")" : "you change (--dns-provider none)") + ":");
            planned.changes().forEach(change -> lines.add("  " + change.describe()));
        });
        return lines;
    }

    private static List<InetAddress> resolve(String address) {
        try {
            return Arrays.asList(InetAddress.getAllByName(address));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
