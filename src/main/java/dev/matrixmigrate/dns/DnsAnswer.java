package dev.matrixmigrate.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** One record of an answer: its owner name (lower case, without the final dot), type, data and TTL in seconds. */
public record DnsAnswer(String name, String type, String value, long ttl) {
    /** Reads one line of {@code dig +noall +answer}: {@code name. TTL IN TYPE data}; other lines give nothing. */
    public static Optional<DnsAnswer> parse(String line) {
        String[] fields = line.trim().split("\\s+", 5);
        if (fields.length < 5 || !fields[2].equals("IN") || line.startsWith(";")) {
            return Optional.empty();
        }
        try {
            String value = fields[3].equals("A") || fields[3].equals("AAAA") ? fields[4] : normal(fields[4]);
            return Optional.of(new DnsAnswer(normal(fields[0]), fields[3], value, Long.parseLong(fields[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isAddress() {
        return type.equals("A") || type.equals("AAAA");
    }

    /** Whether this is an address record for one of these addresses (compared as addresses: 2001:db8::1 is 2001:db8:0:...:1). */
    boolean pointsAt(java.util.Set<InetAddress> addresses) {
        if (!isAddress()) {
            return false;
        }
        try {
            return addresses.contains(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An address as a record holds it: IPv6 with its longest run of zero groups written {@code ::}. */
    public static String text(InetAddress address) {
        String full = address.getHostAddress();
        if (!full.contains(":")) {
            return full;
        }
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /** A DNS name as compared here: lower case, without the final dot. */
    static String normal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
