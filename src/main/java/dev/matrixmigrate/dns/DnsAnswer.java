package dev.matrixmigrate.dns;

import java.util.Optional;

/** One record of an answer: its owner name (without the final dot), type, data and TTL in seconds. */
public record DnsAnswer(String name, String type, String value, long ttl) {
    /** Reads one line of {@code dig +noall +answer}: {@code name. TTL IN TYPE data}; other lines give nothing. */
    public static Optional<DnsAnswer> parse(String line) {
        String[] fields = line.trim().split("\\s+", 5);
        if (fields.length < 5 || !fields[2].equals("IN")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DnsAnswer(withoutDot(fields[0]), fields[3], withoutDot(fields[4]),
                    Long.parseLong(fields[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isAddress() {
        return type.equals("A") || type.equals("AAAA");
    }

    private static String withoutDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
