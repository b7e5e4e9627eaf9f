package dev.matrixmigrate.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One host line of an INI inventory: the host name and its {@code key=value} variables, each kept
 * as the text it was written with, so that a changed line keeps every variable it does not change.
 */
public record HostLine(String name, List<Variable> variables, String trailingComment) {

    public record Variable(String key, String rawValue) {
        String text() {
            return key + "=" + rawValue;
        }
    }

    public HostLine {
        variables = List.copyOf(variables);
    }

    public static HostLine of(String name) {
        return new HostLine(name, List.of(), "");
    }

    /** Parses the content of a host line (without its line ending), splitting like Ansible's shlex. */
    public static HostLine parse(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int i = 0;
        String comment = "";
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == '#' && current.length() == 0) {
                comment = line.substring(i);
                break;
            } else if (Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("not a host line: " + line);
        }
        List<Variable> variables = new ArrayList<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            variables.add(eq < 0 ? new Variable(token, null) : new Variable(token.substring(0, eq), token.substring(eq + 1)));
        }
        return new HostLine(tokens.get(0), variables, comment);
    }

    public Optional<String> value(String key) {
        return variables.stream().filter(v -> v.key().equals(key)).map(Variable::rawValue).findFirst();
    }

    /** Sets a variable: replaced in place when present, appended otherwise. */
    public HostLine with(String key, String value) {
        List<Variable> next = new ArrayList<>(variables);
        Variable variable = new Variable(key, value);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).key().equals(key)) {
                next.set(i, variable);
                return new HostLine(name, next, trailingComment);
            }
        }
        next.add(variable);
        return new HostLine(name, next, trailingComment);
    }

    public HostLine without(String key) {
        List<Variable> next = new ArrayList<>(variables);
        next.removeIf(v -> v.key().equals(key));
        return new HostLine(name, next, trailingComment);
    }

    public HostLine renamed(String newName) {
        return new HostLine(newName, variables, trailingComment);
    }

    public String render() {
        StringBuilder out = new StringBuilder(name);
        for (Variable v : variables) {
            out.append(' ').append(v.rawValue() == null ? v.key() : v.text());
        }
        if (!trailingComment.isEmpty()) {
            out.append(' ').append(trailingComment);
        }
        return out.toString();
    }
}
