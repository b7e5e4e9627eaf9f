package dev.matrixmigrate.config;

import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Checks of single values; each failure names the option and says how to fix it. */
public final class Validate {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

    private Validate() {
    }

    /** A value written into an INI inventory line: no character that would split or end the line. */
    public static String iniValue(String option, String value) {
        if (value == null || value.isEmpty()) {
            throw Failure.invalidInput(option + " is empty: give a value");
        }
        for (char c : value.toCharArray()) {
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '=' || c == '#' || c == ';') {
                throw Failure.invalidInput(option + " '" + printable(value) + "' contains " + describe(c)
                        + ", which an inventory line cannot hold: remove it");
            }
        }
        return value;
    }

    /** A base domain such as example.com. */
    public static String domain(String option, String value) {
        iniValue(option, value);
        if (!isDnsName(value) || !value.contains(".")) {
            throw Failure.invalidInput(option + " '" + value
                    + "' is not a valid DNS name: give the base domain, for example example.com");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    /** An IP address or a DNS name of a server. */
    public static String address(String option, String value) {
        iniValue(option, value);
        if ((isIpv4(value) || isIpv6(value)) && unspecified(value)) {
            throw Failure.invalidInput(option + " " + value + " is no server's address (it means any address): give the"
                    + " server's own, for example 203.0.113.20");
        }
        if (isIpv4(value) || isIpv6(value) || (isDnsName(value) && !value.matches("[0-9.]+"))) {
            return value;
        }
        throw Failure.invalidInput(option + " '" + value
                + "' is neither an IP address nor a DNS name: give the server's address, for example 203.0.113.10");
    }

    private static boolean unspecified(String literal) {
        try {
            return java.net.InetAddress.getByName(literal).isAnyLocalAddress();
        } catch (java.net.UnknownHostException impossible) {
            return false;
        }
    }

    /** An IP address (not a name): what a DNS record holds. */
    public static java.net.InetAddress ipAddress(String option, String value) {
        if (value != null && (isIpv4(value) || isIpv6(value))) {
            try {
                return java.net.InetAddress.getByName(value);
            } catch (java.net.UnknownHostException impossible) {
                // an address literal is never looked up
            }
        }
        throw Failure.invalidInput(option + " '" + value + "' is not an IP address: give one, for example"
                + " 203.0.113.20 or 2001:db8::20");
    }

    /** A number of seconds within min..max, as a duration. */
    public static Duration seconds(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw Failure.invalidInput(option + " " + value + " is out of range: give " + min + " to " + max + " seconds");
        }
        return Duration.ofSeconds(value);
    }

    /**
     * A duration within min..max written as seconds ("5400") or as numbers with units, largest first ("90m",
     * "1h30m", "2d"; s, m, h, d).
     */
    public static Duration duration(String option, String value, Duration min, Duration max) {
        String text = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher parts = Pattern.compile("(\\d{1,7})([dhms])").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        String units = "dhms";
        int lastUnit = -1;
        if (text.matches("\\d{1,9}")) {
            total = Duration.ofSeconds(Long.parseLong(text));
            end = text.length();
        }
        while (end < text.length() && parts.find(end) && parts.start() == end) {
            int unit = units.indexOf(parts.group(2));
            if (unit <= lastUnit) {
                break;
            }
            lastUnit = unit;
            long amount = Long.parseLong(parts.group(1));
            total = total.plus(switch (parts.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
            end = parts.end();
        }
        if (text.isEmpty() || end != text.length()) {
            throw Failure.invalidInput(option + " '" + printable(value == null ? "" : value) + "' is not a duration:"
                    + " give seconds, or numbers with units largest first, as 90m, 1h30m or 2d");
        }
        if (total.compareTo(min) < 0 || total.compareTo(max) > 0) {
            throw Failure.invalidInput(option + " " + value.strip() + " is out of range: give " + min.toSeconds()
                    + " s to " + (max.toDays() > 0 ? max.toDays() + " days" : max.toHours() + " h"));
        }
        return total;
    }

    public static int port(String option, int value) {
        if (value < 1 || value > 65535) {
            throw Failure.invalidInput(option + " " + value + " is outside 1..65535: give the SSH port of the server");
        }
        return value;
    }

    public static String user(String option, String value) {
        iniValue(option, value);
        if (!USER.matcher(value).matches()) {
            throw Failure.invalidInput(option + " '" + value
                    + "' is not a valid user name: use letters, digits, '_', '.', '-' and start with a letter");
        }
        return value;
    }

    /** An absolute path without characters that would need quoting anywhere we pass it. */
    public static String dataPath(String option, String value) {
        if (value == null || !value.startsWith("/") || value.length() < 2 || value.endsWith("/")
                || !value.matches("[A-Za-z0-9_./-]+") || value.contains("/../") || value.contains("//")) {
            throw Failure.invalidInput(option + " '" + printable(String.valueOf(value))
                    + "' is not an absolute path like /matrix (letters, digits, '_', '.', '-', no trailing '/')");
        }
        return value;
    }

    /** Where the playbook keeps its inventory, relative to its folder, unless --inventory says otherwise. */
    public static final String DEFAULT_INVENTORY = "inventory/hosts";

    /** The playbook folder (default: the current one), absolute; it must exist. */
    public static Path playbookDir(String value) {
        Path dir = Path.of(value == null ? "." : value).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw Failure.invalidInput("--playbook " + dir + " is not a folder: give the matrix-docker-ansible-deploy"
                    + " checkout (the folder with setup.yml and inventory/hosts)");
        }
        return dir;
    }

    /**
     * The playbook's inventory, an INI file, relative to the playbook folder as ansible-playbook run there takes it
     * (default inventory/hosts); absolute, it must exist.
     */
    public static Path inventory(Path playbookDir, String value) {
        Path file = playbookDir.resolve(value == null ? DEFAULT_INVENTORY : value).toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw Failure.invalidInput("--inventory " + file + " is a folder: name the inventory file in it that lists"
                    + " the server in [matrix_servers] (matrix-migrate edits that one file when the server moves)");
        }
        if (!Files.isRegularFile(file)) {
            throw Failure.invalidInput("--inventory " + file + " is missing: give the playbook's inventory file ("
                    + DEFAULT_INVENTORY + " in the playbook folder unless you keep it elsewhere)");
        }
        String name = file.getFileName().toString();
        if (name.matches(".*\\.(ya?ml|json)$") || firstLine(file).matches("---.*|\\{.*|[^\\[=\\s]+:\\s*(#.*)?")) {
            throw Failure.invalidInput("--inventory " + file + " is a YAML inventory: matrix-migrate reads and edits INI"
                    + " inventories (the playbook's inventory/hosts); write the server's group and line in INI, as"
                    + " matrix-migrate inventory does");
        }
        return file;
    }

    /** The first line that is neither blank nor a comment. */
    private static String firstLine(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith(";"))
                    .findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            throw Failure.invalidInput("--inventory " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** A plan folder to run as it is: it must exist; absolute. */
    public static Path planDir(String value) {
        Path dir = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw Failure.invalidInput("--plan " + dir + " is not a folder: give the folder matrix-migrate plan wrote");
        }
        return dir;
    }

    /** A comma-separated list of playbook tags. */
    public static List<String> tags(String option, String value) {
        List<String> tags = Arrays.stream(value.split(",")).map(String::strip).toList();
        for (String tag : tags) {
            if (!tag.matches("[A-Za-z0-9_-]+")) {
                throw Failure.invalidInput(option + " '" + value + "' is not a comma-separated list of tags"
                        + " such as setup-all,start");
            }
        }
        return tags;
    }

    /** A file that must exist and be readable, absolute; null stays null (not given). */
    public static Path existingFile(String option, String value) {
        if (value == null) {
            return null;
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw Failure.invalidInput(option + " " + value + " is not a readable file");
        }
        return path;
    }

    public static boolean isDnsName(String value) {
        if (value.length() > 253 || value.endsWith(".") || value.startsWith(".")) {
            return false;
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv4(String value) {
        var m = IPV4.matcher(value);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String value) {
        if (!IPV6.matcher(value).matches()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(value) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String describe(char c) {
        return switch (c) {
            case '\n', '\r' -> "a line break";
            case ' ', '\t' -> "white space";
            case '"', '\'' -> "a quote";
            default -> Character.isWhitespace(c) ? "white space" : "'" + c + "'";
        };
    }

    private static String printable(String value) {
        return value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
