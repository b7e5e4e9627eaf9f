package dev.matrixmigrate.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The one way the tool reads and writes YAML (and JSON, which YAML reads). */
public final class SafeYaml {
    private SafeYaml() {
    }

    /** A loader that builds only maps, lists and scalars, never an object named in the text. */
    public static Yaml loader() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    /** A YAML file whose top level is a mapping, as plain maps, lists and scalars. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMapping(Path file) throws IOException {
        Object data = loader().load(Files.readString(file, StandardCharsets.UTF_8));
        if (!(data instanceof Map<?, ?> map)) {
            throw new IOException("not a YAML mapping");
        }
        return (Map<String, Object>) map;
    }

    /** Block style and long lines, for the run folder's files that people read. */
    public static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(200);
        return new Yaml(options);
    }
}
