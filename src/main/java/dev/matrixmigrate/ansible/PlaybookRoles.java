package dev.matrixmigrate.ansible;

import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The roles a matrix-docker-ansible-deploy checkout applies: its own under roles/custom, the ones its
 * requirements.yml names under roles/galaxy. What they need of Ansible, and which are not installed.
 */
public final class PlaybookRoles {
    /** A role's need: the role (as roles/.../name) and the lowest ansible-core its meta allows. */
    public record Need(String role, AnsibleVersion version) {
    }

    private final Path playbookDir;

    public PlaybookRoles(Path playbookDir) {
        this.playbookDir = playbookDir;
    }

    /** The highest min_ansible_version in the meta of the roles under roles/custom and roles/galaxy. */
    public Optional<Need> highestNeed() {
        List<Need> needs = new ArrayList<>();
        for (String folder : List.of("roles/custom", "roles/galaxy")) {
            for (Path role : children(playbookDir.resolve(folder))) {
                Path meta = role.resolve("meta/main.yml");
                if (Files.isRegularFile(meta)) {
                    minVersion(meta).ifPresent(v -> needs.add(new Need(folder + "/" + role.getFileName(), v)));
                }
            }
        }
        return needs.stream().max(Comparator.comparing(Need::version));
    }

    /** The roles requirements.yml names that are not folders under roles/galaxy. */
    public List<String> missingRequirements() throws IOException {
        Path requirements = playbookDir.resolve("requirements.yml");
        if (!Files.isRegularFile(requirements)) {
            return List.of();
        }
        Object data = SafeYaml.loader().load(Files.readString(requirements));
        List<?> roles = data instanceof Map<?, ?> map ? (List<?>) map.get("roles") : data instanceof List<?> list ? list
                : List.of();
        List<String> missing = new ArrayList<>();
        for (Object entry : roles == null ? List.of() : roles) {
            installedName(entry).filter(name -> !Files.isDirectory(playbookDir.resolve("roles/galaxy").resolve(name)))
                    .ifPresent(missing::add);
        }
        return missing;
    }

    /** The folder ansible-galaxy installs a requirement in: its name, or the last part of its source. */
    private static Optional<String> installedName(Object entry) {
        if (entry instanceof Map<?, ?> role) {
            Object name = role.get("name");
            if (name != null) {
                return Optional.of(name.toString());
            }
            entry = role.get("src");
        }
        if (entry == null) {
            return Optional.empty();
        }
        String source = entry.toString().replaceFirst(",.*$", "");
        String last = source.substring(source.lastIndexOf('/') + 1).replaceFirst("\\.git$", "");
        return last.isEmpty() ? Optional.empty() : Optional.of(last);
    }

    private static Optional<AnsibleVersion> minVersion(Path meta) {
        try {
            Object data = SafeYaml.loader().load(Files.readString(meta));
            if (data instanceof Map<?, ?> map && map.get("galaxy_info") instanceof Map<?, ?> info) {
                return AnsibleVersion.written(info.get("min_ansible_version"));
            }
        } catch (IOException | RuntimeException unreadable) {
            // a role whose meta cannot be read asks nothing of the version; Ansible itself says what is wrong
        }
        return Optional.empty();
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
