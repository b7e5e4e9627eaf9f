package dev.matrixmigrate.config;

import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code --config FILE}: a YAML mapping whose keys are named like the long options. Unknown
 * keys and values of the wrong type are refused naming the key and its line.
 */
public final class ConfigFile {
    private enum Type { TEXT, NUMBER, FLAG, LIST }

    private static final Map<String, Type> KEYS = Map.ofEntries(
            Map.entry("playbook", Type.TEXT), Map.entry("host", Type.TEXT), Map.entry("to", Type.TEXT),
            Map.entry("to-user", Type.TEXT), Map.entry("to-port", Type.NUMBER), Map.entry("to-become", Type.FLAG),
            Map.entry("data-path", Type.TEXT), Map.entry("start-tags", Type.TEXT), Map.entry("output", Type.TEXT),
            Map.entry("force-target", Type.FLAG), Map.entry("private-key", Type.TEXT),
            Map.entry("become-password-file", Type.TEXT), Map.entry("vault-password-file", Type.TEXT),
            Map.entry("extra-vars", Type.LIST), Map.entry("templates", Type.TEXT), Map.entry("cold", Type.FLAG),
            Map.entry("verify", Type.TEXT), Map.entry("install-tags", Type.TEXT));

    private ConfigFile() {
    }

    public static SettingsInput load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw Failure.invalidInput("--config " + file + " is not a file: give the path of a YAML settings file");
        }
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (IOException e) {
            throw Failure.invalidInput("--config " + file + " cannot be read: " + e.getMessage());
        } catch (YAMLException e) {
            throw Failure.invalidInput("--config " + file + " is not valid YAML: "
                    + e.getMessage().replaceAll("\\s+", " ").strip());
        }
        if (root == null) {
            return SettingsInput.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            throw Failure.invalidInput("--config " + file + " line " + line(root)
                    + ": expected a mapping of settings such as 'to: 203.0.113.20'");
        }
        Map<String, Object> values = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            Type type = KEYS.get(key);
            if (type == null) {
                throw Failure.invalidInput(file + " line " + line(tuple.getKeyNode()) + ": unknown key '" + key
                        + "'; known keys: " + String.join(", ", KEYS.keySet().stream().sorted().toList()));
            }
            values.put(key, value(file, key, type, tuple.getValueNode()));
        }
        return new SettingsInput((String) values.get("playbook"), (String) values.get("host"), (String) values.get("to"),
                (String) values.get("to-user"), (Integer) values.get("to-port"), (Boolean) values.get("to-become"),
                (String) values.get("data-path"), (String) values.get("start-tags"), (String) values.get("output"),
                (Boolean) values.get("force-target"), (String) values.get("private-key"),
                (String) values.get("become-password-file"), (String) values.get("vault-password-file"),
                list(values.get("extra-vars")), (String) values.get("templates"), (Boolean) values.get("cold"),
                (String) values.get("verify"), (String) values.get("install-tags"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return (List<String>) value;
    }

    private static Object value(Path file, String key, Type type, Node node) {
        String where = file + " line " + line(node) + ": '" + key + "' ";
        switch (type) {
            case TEXT -> {
                if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
                    return s.getValue();
                }
                throw Failure.invalidInput(where + "must be a text value");
            }
            case NUMBER -> {
                if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
                    try {
                        return Integer.valueOf(s.getValue());
                    } catch (NumberFormatException e) {
                        throw Failure.invalidInput(where + "is out of range");
                    }
                }
                throw Failure.invalidInput(where + "must be a whole number");
            }
            case FLAG -> {
                if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                    return Boolean.valueOf(s.getValue().toLowerCase(java.util.Locale.ROOT).matches("true|yes|on|y"));
                }
                throw Failure.invalidInput(where + "must be true or false");
            }
            default -> {
                List<String> items = new ArrayList<>();
                if (node instanceof SequenceNode seq) {
                    for (Node item : seq.getValue()) {
                        if (!(item instanceof ScalarNode s)) {
                            throw Failure.invalidInput(where + "must be a list of text values");
                        }
                        items.add(s.getValue());
                    }
                    return items;
                }
                throw Failure.invalidInput(where + "must be a list, e.g. [\"key=value\"]");
            }
        }
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
