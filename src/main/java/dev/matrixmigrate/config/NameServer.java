package dev.matrixmigrate.config;

import dev.matrixmigrate.failure.Failure;

/** A DNS server to ask directly: an address and a port. */
public record NameServer(String address, int port) {
    public static final int DNS_PORT = 53;

    /** Reads {@code ADDRESS[:PORT]} (an IPv6 address with a port as {@code [ADDRESS]:PORT}). */
    public static NameServer parse(String option, String value) {
        String address = value;
        int port = DNS_PORT;
        int colon = value.lastIndexOf(':');
        if (value.startsWith("[") && value.contains("]:")) {
            address = value.substring(1, value.indexOf(']'));
            port = port(option, value, value.substring(value.indexOf("]:") + 2));
        } else if (value.startsWith("[") && value.endsWith("]")) {
            address = value.substring(1, value.length() - 1);
        } else if (colon > 0 && value.indexOf(':') == colon) {
            address = value.substring(0, colon);
            port = port(option, value, value.substring(colon + 1));
        }
        Validate.ipAddress(option, address); // the update modules take an address, not a name
        return new NameServer(address, port);
    }

    private static int port(String option, String value, String text) {
        try {
            return Validate.port(option, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw Failure.invalidInput(option + " " + value + ": the port after ':' must be a number from 1 to 65535");
        }
    }

    @Override
    public String toString() {
        return (address.contains(":") ? "[" + address + "]" : address) + (port == DNS_PORT ? "" : ":" + port);
    }
}
