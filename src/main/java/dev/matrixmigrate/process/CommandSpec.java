package dev.matrixmigrate.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An external command as data: the argument list (never a shell string), where it runs, extra
 * environment, and how long it may take.
 */
public record CommandSpec(List<String> argv, Path workingDir, Map<String, String> environment, Duration timeout) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public CommandSpec {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    public static CommandSpec of(Path workingDir, List<String> argv) {
        return new CommandSpec(argv, workingDir, Map.of(), Duration.ofHours(12));
    }

    public CommandSpec withTimeout(Duration limit) {
        return new CommandSpec(argv, workingDir, environment, limit);
    }

    public CommandSpec withEnvironment(String key, String value) {
        var next = new java.util.HashMap<>(environment);
        next.put(key, value);
        return new CommandSpec(argv, workingDir, next, timeout);
    }

    public CommandSpec plus(List<String> more) {
        List<String> next = new ArrayList<>(argv);
        next.addAll(more);
        return new CommandSpec(next, workingDir, environment, timeout);
    }

    public String program() {
        return argv.get(0);
    }

    /** The command as a person would type it in a POSIX shell; for display only, never executed. */
    public String display() {
        String env = environment.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + quote(e.getValue()) + " ").collect(Collectors.joining());
        return env + argv.stream().map(CommandSpec::quote).collect(Collectors.joining(" "));
    }

    public static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
