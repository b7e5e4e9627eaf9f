package dev.matrixmigrate.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An INI inventory as text, line by line with each line's own ending, so that edits change one
 * line and leave every other byte as it was.
 */
public final class HostsFile {
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]]+)\\]\\s*([#;].*)?$");
    private final List<String> lines;
    private final String newline;

    private HostsFile(List<String> lines) {
        this.lines = List.copyOf(lines);
        this.newline = lines.stream().anyMatch(l -> l.endsWith("\r\n")) ? "\r\n" : "\n";
    }

    public static HostsFile parse(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return new HostsFile(lines);
    }

    public String text() {
        return String.join("", lines);
    }

    public boolean hasSection(String group) {
        return sectionHeader(group).isPresent();
    }

    /** The host lines of a group's section, in file order. */
    public List<HostLine> hosts(String group) {
        List<HostLine> hosts = new ArrayList<>();
        for (int i : hostLineIndexes(group)) {
            hosts.add(HostLine.parse(content(lines.get(i))));
        }
        return hosts;
    }

    public Optional<HostLine> host(String group, String name) {
        return hosts(group).stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /**
     * Puts a host line into a group's section: it replaces the line of the same host when there is
     * one, or goes after the section's last host line (right after the header when it has none).
     */
    public HostsFile withHost(String group, HostLine host) {
        int header = sectionHeader(group).orElseThrow(() -> new IllegalStateException("no section [" + group + "]"));
        List<String> next = new ArrayList<>(lines);
        List<Integer> hostIndexes = hostLineIndexes(group);
        for (int i : hostIndexes) {
            if (HostLine.parse(content(lines.get(i))).name().equals(host.name())) {
                next.set(i, host.render() + ending(lines.get(i)));
                return new HostsFile(next);
            }
        }
        int after = hostIndexes.isEmpty() ? header : hostIndexes.get(hostIndexes.size() - 1);
        if (ending(next.get(after)).isEmpty()) {
            next.set(after, next.get(after) + newline);
        }
        next.add(after + 1, host.render() + newline);
        return new HostsFile(next);
    }

    private Optional<Integer> sectionHeader(String group) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = SECTION.matcher(content(lines.get(i)));
            if (m.matches() && m.group(1).trim().equals(group)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private List<Integer> hostLineIndexes(String group) {
        List<Integer> indexes = new ArrayList<>();
        Optional<Integer> header = sectionHeader(group);
        if (header.isEmpty()) {
            return indexes;
        }
        for (int i = header.get() + 1; i < lines.size(); i++) {
            String content = content(lines.get(i)).trim();
            if (SECTION.matcher(content).matches()) {
                break;
            }
            if (!content.isEmpty() && !content.startsWith("#") && !content.startsWith(";")) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    private static String content(String line) {
        return line.substring(0, line.length() - ending(line).length());
    }

    private static String ending(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        return line.endsWith("\n") ? "\n" : "";
    }
}
