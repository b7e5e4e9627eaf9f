package dev.matrixmigrate.config;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads {@code --config FILE}, a YAML mapping whose keys are the command's long option names, and
 * gives its values to picocli as the options' defaults: the command line wins, and a new option
 * is a new key without any list to update. One file serves plan and migrate: a key only the other command
 * takes is left to it. Unknown keys and values of the wrong type are refused naming the key and its line.
 */
public final class ConfigFileDefaults implements IDefaultValueProvider {
    public static final String OPTION = "--config";
    /**
     * The split regex of every option that takes several values: a NUL, which no command-line
     * argument can hold, so that a list from the file reaches picocli as one default string.
     */
    public static final String LIST_SPLIT = "\\x00";
    private static final String LIST_JOIN = "\0";

    private Path loaded;
    private Map<String, String> values = Map.of();

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !settable(option)) {
            return null;
        }
        OptionSpec config = arg.command().findOption(OPTION);
        Path file = config == null ? null : config.getValue();
        if (file == null) {
            return null;
        }
        if (!file.equals(loaded)) {
            values = read(arg.command(), file);
            loaded = file;
        }
        return values.get(key(option));
    }

    /** The options a file may set: every long option but --config itself, help, version and inherited ones. */
    public static List<OptionSpec> settableOptions(CommandSpec command) {
        return command.options().stream().filter(ConfigFileDefaults::settable).toList();
    }

    /** An option's key in the file: its long name without the dashes. */
    public static String key(OptionSpec option) {
        return option.longestName().substring(2);
    }

    private static boolean settable(OptionSpec option) {
        return option.longestName().startsWith("--") && !option.longestName().equals(OPTION)
                && !option.usageHelp() && !option.versionHelp() && !option.inherited();
    }

    private static Map<String, String> read(CommandSpec command, Path file) {
        if (!Files.isRegularFile(file)) {
            throw Failure.invalidInput(OPTION + " " + file + " is not a file: give the path of a YAML settings file");
        }
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = SafeYaml.loader().compose(reader);
        } catch (IOException e) {
            throw Failure.invalidInput(OPTION + " " + file + " cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw Failure.invalidInput(OPTION + " " + file + " is not valid YAML: "
                    + e.getMessage().replaceAll("\\s+", " ").strip());
        }
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof MappingNode mapping)) {
            throw Failure.invalidInput(OPTION + " " + file + " line " + line(root)
                    + ": expected a mapping of settings such as 'to: 203.0.113.20'");
        }
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        settableOptions(command).forEach(option -> options.put(key(option), option));
        Map<String, String> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            OptionSpec option = options.get(key);
            if (option == null && othersKeys(command).contains(key)) {
                continue;  // one file serves plan and migrate: a setting of the other command is not this one's
            }
            if (option == null) {
                throw Failure.invalidInput(file + " line " + line(tuple.getKeyNode()) + ": unknown key '" + key
                        + "'; known keys: " + String.join(", ", options.keySet().stream().sorted().toList()));
            }
            values.put(key, value(option, tuple.getValueNode(), file + " line " + line(tuple.getValueNode())
                    + ": '" + key + "' "));
        }
        return values;
    }

    /** The keys the other commands of the tool take (plan's and migrate's are read from the same file). */
    private static java.util.Set<String> othersKeys(CommandSpec command) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        if (command.parent() != null) {
            command.parent().subcommands().values().stream().map(picocli.CommandLine::getCommandSpec)
                    .filter(other -> other != command && other.findOption(OPTION) != null)
                    .forEach(other -> settableOptions(other).forEach(option -> keys.add(key(option))));
        }
        return keys;
    }

    /** The node as the text picocli converts, once it has the type the option takes. */
    private static String value(OptionSpec option, Node node, String where) {
        if (option.isMultiValue()) {
            if (!LIST_SPLIT.equals(option.splitRegex())) {
                throw new IllegalStateException(option.longestName() + " takes several values but does not split"
                        + " on ConfigFileDefaults.LIST_SPLIT");
            }
            if (!(node instanceof SequenceNode sequence)) {
                throw Failure.invalidInput(where + "must be a list, e.g. [\"key=value\"]");
            }
            List<String> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode s) || s.getTag().equals(Tag.NULL) || s.getValue().contains(LIST_JOIN)) {
                    throw Failure.invalidInput(where + "must be a list of text values");
                }
                items.add(s.getValue());
            }
            return String.join(LIST_JOIN, items);
        }
        Class<?> type = option.type();
        if (type == boolean.class || type == Boolean.class) {
            if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                return Boolean.toString(s.getValue().toLowerCase(Locale.ROOT).matches("true|yes|on|y"));
            }
            throw Failure.invalidInput(where + "must be true or false");
        }
        if (type == int.class || type == Integer.class) {
            if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
                try {
                    return Integer.valueOf(s.getValue()).toString();
                } catch (NumberFormatException e) {
                    throw Failure.invalidInput(where + "is out of range");
                }
            }
            throw Failure.invalidInput(where + "must be a whole number");
        }
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        throw Failure.invalidInput(where + "must be a text value");
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
