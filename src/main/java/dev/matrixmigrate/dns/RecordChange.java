package dev.matrixmigrate.dns;

import java.util.List;

/**
 * One record set that moves: a name's A or AAAA records as the new server needs them ({@code to}), and as
 * they were before ({@code back}, what a rollback puts back). No values: the set is removed.
 */
public record RecordChange(String name, String zone, String type, RecordSet to, RecordSet back) {
    /** The values of one record set and their TTL. */
    public record RecordSet(List<String> values, long ttl) {
        public RecordSet {
            values = List.copyOf(values);
        }

        String describe() {
            return values.isEmpty() ? "removed" : String.join(", ", values) + " TTL " + ttl;
        }
    }

    /** The set a direction gives: {@code to} for the new server, {@code back} for the old one. */
    public RecordSet toward(boolean back) {
        return back ? this.back : to;
    }

    /** For a person: {@code matrix.example.com A 192.0.2.10 TTL 3600 -> 198.51.100.20 TTL 300}. */
    public String describe() {
        return name + " " + type + " " + (back.values().isEmpty() ? "(none)" : back.describe()) + " -> " + to.describe();
    }
}
