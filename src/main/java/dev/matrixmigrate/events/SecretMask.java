package dev.matrixmigrate.events;

import dev.matrixmigrate.ansible.ShellWords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a run's secrets out of its events. The values of every --extra-vars but the tool's own {@code
 * matrix_migrate_*} are masked wherever a command line or the settings carry them ({@link #extraVars}, {@link #argv});
 * the values of those whose name says secret ({@code *password*}, {@code *secret*}, {@code *token*}, {@code *key*},
 * ...) are masked in every text too ({@link #apply}): masking every value there would mask ordinary words ("matrix").
 * Secrets given as files (vault and sudo password files, keys, DNS credentials) are named by their path, never read;
 * the sudo password --ask-become-pass reads goes into such a file and is kept nowhere else.
 */
public final class SecretMask {
    public static final String MASK = "********";
    /** The names of variables whose values are masked in every text. */
    private static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile(
            "(?i).*(pass|secret|token|key|macaroon|credential|private|salt|api).*");
    private static final String EXTRA_VARS = "--extra-vars=";
    /** The tool's own plays' variables (PlayVariable), which are no secrets. */
    private static final String OURS = "matrix_migrate_";

    private final List<String> secrets;

    private SecretMask(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static SecretMask none() {
        return new SecretMask(List.of());
    }

    /** The secrets in the --extra-vars arguments of these command lines (a run's recorded commands). */
    public static SecretMask ofCommands(Collection<List<String>> commands) {
        List<String> secrets = new ArrayList<>();
        for (List<String> argv : commands) {
            for (String arg : argv) {
                if (arg.startsWith(EXTRA_VARS)) {
                    secrets.addAll(secretValues(arg.substring(EXTRA_VARS.length())));
                }
            }
        }
        return new SecretMask(secrets);
    }

    /** A text with every known secret masked. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** A command line with the values of the user's --extra-vars masked (a variables file is named, not read). */
    public static List<String> argv(List<String> argv) {
        return argv.stream().map(arg -> arg.startsWith(EXTRA_VARS)
                ? EXTRA_VARS + extraVars(arg.substring(EXTRA_VARS.length())) : arg).toList();
    }

    /**
     * One --extra-vars value with its values masked: {@code key=********} for each {@code key=value} word, an inline
     * JSON or YAML mapping whole; {@code @file} and the tool's own {@code matrix_migrate_*} variables as they are.
     */
    public static String extraVars(String vars) {
        if (vars.strip().startsWith("@")) {
            return vars;
        }
        return assignments(vars).map(words -> String.join(" ", words.stream()
                .map(word -> word.key() == null || word.ours() ? word.text() : word.key() + "=" + MASK).toList()))
                .orElse(MASK);
    }

    /** The values of {@code key=value} words whose key names a secret (an inline mapping is masked as a whole). */
    private static List<String> secretValues(String vars) {
        if (vars.strip().startsWith("@")) {
            return List.of();
        }
        return assignments(vars).orElse(List.of()).stream().filter(word -> word.key() != null && !word.ours()
                && SECRET_NAME.matcher(word.key()).matches() && !word.value().isEmpty()).map(Word::value).toList();
    }

    /** A word of an --extra-vars value: {@code key=value}, or a word without '=' (key and value null). */
    private record Word(String text, String key, String value) {
        boolean ours() {
            return text.startsWith(OURS);
        }
    }

    /** The words of a {@code key=value} --extra-vars value; empty for an inline mapping (or a value without '='). */
    private static Optional<List<Word>> assignments(String vars) {
        String text = vars.strip();
        if (text.startsWith("{") || text.startsWith("---") || !text.contains("=")) {
            return Optional.empty();
        }
        return Optional.of(ShellWords.split(text).stream().map(word -> {
            int equals = word.indexOf('=');
            return equals < 0 ? new Word(word, null, null)
                    : new Word(word, word.substring(0, equals), word.substring(equals + 1));
        }).toList());
    }
}
