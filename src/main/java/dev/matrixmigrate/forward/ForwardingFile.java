package dev.matrixmigrate.forward;

import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the forward step reads back from the plan's forwarding.yml: the forwarded ports, the unit, and
 * --forward-for when it was given.
 */
public record ForwardingFile(String unit, List<Integer> ports, Optional<Duration> length) {
    public ForwardingFile {
        ports = List.copyOf(ports);
    }

    public static ForwardingFile read(Path file) throws IOException {
        Object loaded = SafeYaml.loader().load(Files.readString(file, StandardCharsets.UTF_8));
        if (!(loaded instanceof Map<?, ?> data) || !(data.get("matrix_migrate_forward_ports") instanceof List<?> list)) {
            throw new IOException(file + " does not list the forwarded ports");
        }
        List<Integer> ports = new ArrayList<>();
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> port && port.get("port") instanceof Integer number) {
                ports.add(number);
            }
        }
        Optional<Duration> length = data.get("matrix_migrate_forward_for") instanceof Number seconds
                ? Optional.of(Duration.ofSeconds(seconds.longValue())) : Optional.empty();
        return new ForwardingFile(String.valueOf(data.get("matrix_migrate_forward_unit")), ports, length);
    }
}
