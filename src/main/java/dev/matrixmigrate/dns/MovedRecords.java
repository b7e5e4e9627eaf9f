package dev.matrixmigrate.dns;

import dev.matrixmigrate.config.NameServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Asks every authoritative server of the zone for the record sets that move, as they are meant to be by now. */
public record MovedRecords(Dig dig, DnsChanges changes) {
    /**
     * What still differs, one line per server and record set ({@code 192.0.2.53: matrix.example.com A answers
     * 192.0.2.10}); empty when every server answers every set as it should be.
     *
     * @param back whether the sets should hold what they held before the migration (a rollback)
     */
    public List<String> notYet(boolean back) {
        List<String> pending = new ArrayList<>();
        for (NameServer server : changes.servers()) {
            for (RecordChange change : changes.changes()) {
                Optional<List<DnsAnswer>> answers = dig.ask(server, change.name(), change.type());
                if (answers.isEmpty()) {
                    pending.add(server + ": " + change.name() + " " + change.type() + " not answered");
                    continue;
                }
                List<String> seen = answers.get().stream()
                        .filter(a -> a.name().equals(change.name()) && a.type().equals(change.type()))
                        .map(DnsAnswer::value).toList();
                if (!addresses(seen).equals(addresses(change.toward(back).values()))) {
                    pending.add(server + ": " + change.name() + " " + change.type() + " answers "
                            + (seen.isEmpty() ? "nothing" : String.join(", ", seen)));
                }
            }
        }
        return pending;
    }

    private static Set<InetAddress> addresses(List<String> values) {
        Set<InetAddress> addresses = new HashSet<>();
        for (String value : values) {
            try {
                addresses.add(InetAddress.getByName(value));
            } catch (UnknownHostException e) {
                return Set.of();
            }
        }
        return addresses;
    }
}
