package dev.matrixmigrate.plan;

import dev.matrixmigrate.facts.BesideThePlaybook;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import dev.matrixmigrate.files.TreeDigest;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.Playbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a plan was written from ({@link PlanFiles#PLAN_SOURCE}): its run id, the tool's version, and a digest of each
 * part of the playbook (setup.yml, ansible.cfg, requirements.yml, group_vars, each role, the plugin folders) and of
 * the inventory (the file, the host's host_vars, the group_vars beside it). `migrate --plan` refuses a plan whose
 * sources changed since, naming the parts.
 */
public record PlanSource(String runId, String tool, Map<String, String> playbook, Map<String, String> inventory) {
    private static final List<String> PLAYBOOK_FILES = List.of(Playbook.SETUP, "ansible.cfg", "requirements.yml");

    public PlanSource {
        playbook = Map.copyOf(playbook);
        inventory = Map.copyOf(inventory);
    }

    /** The sources of a plan of {@code host} made now. */
    public static PlanSource of(String runId, Path playbookDir, Path inventoryFile, String host) {
        Map<String, String> playbook = new LinkedHashMap<>();
        for (String name : PLAYBOOK_FILES) {
            playbook.put(name, TreeDigest.of(playbookDir.resolve(name)));
        }
        for (Map.Entry<String, Path> folder : BesideThePlaybook.links(playbookDir).entrySet()) {
            if (folder.getKey().equals("roles")) {
                roles(folder.getValue()).forEach(role -> playbook.put("roles/" + folder.getValue().relativize(role),
                        TreeDigest.of(role)));
            } else {
                playbook.put(folder.getKey(), TreeDigest.of(folder.getValue()));
            }
        }
        Map<String, String> inventory = new LinkedHashMap<>();
        inventory.put(inventoryFile.getFileName().toString(), TreeDigest.of(inventoryFile));
        Path hostVars = inventoryFile.resolveSibling("host_vars");
        for (String name : List.of(host, host + ".yml", host + ".yaml", host + ".json")) {
            if (Files.exists(hostVars.resolve(name))) {
                inventory.put("host_vars/" + name, TreeDigest.of(hostVars.resolve(name)));
            }
        }
        inventory.put("group_vars", TreeDigest.of(inventoryFile.resolveSibling("group_vars")));
        return new PlanSource(runId, toolVersion(), playbook, inventory);
    }

    /** The matrix-migrate that writes plans now. */
    public static String toolVersion() {
        String version = PlanSource.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** The roles under a roles folder: its children that look like roles, or theirs (roles/custom/*, roles/galaxy/*). */
    private static List<Path> roles(Path folder) {
        List<Path> roles = new ArrayList<>();
        for (Path child : children(folder)) {
            boolean role = Stream.of("tasks", "defaults", "meta", "vars", "handlers").anyMatch(
                    part -> Files.isDirectory(child.resolve(part)));
            if (role || !Files.isDirectory(child)) {
                roles.add(child);
            } else {
                roles.addAll(children(child));
            }
        }
        return roles;
    }

    private static List<Path> children(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public String yaml() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", runId);
        data.put("tool", tool);
        data.put("playbook", playbook);
        data.put("inventory", inventory);
        return "# What this plan was written from (SHA-256 digests): `matrix-migrate migrate --plan` refuses to run it\n"
                + "# once any of it changed.\n" + SafeYaml.dumper().dump(data);
    }

    /** The sources a plan folder names, or a refusal naming the folder. */
    public static PlanSource read(Path planDir) {
        Path file = planDir.resolve(PlanFiles.PLAN_SOURCE);
        try {
            return parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw Failure.invalidInput("--plan " + planDir + " is not a plan folder that matrix-migrate plan wrote ("
                    + file + " cannot be read): give the folder plan wrote, or leave --plan out");
        }
    }

    /** The sources as {@link #yaml()} wrote them. */
    @SuppressWarnings("unchecked")
    public static PlanSource parse(String yaml) {
        Map<String, Object> data = (Map<String, Object>) SafeYaml.loader().load(yaml);
        return new PlanSource((String) data.get("run"), String.valueOf(data.get("tool")),
                (Map<String, String>) data.get("playbook"), (Map<String, String>) data.get("inventory"));
    }

    /** What differs between these sources and {@code now}: the parts, as a person would name them. */
    public List<String> changesTo(PlanSource now) {
        List<String> changes = new ArrayList<>();
        if (!tool.equals(now.tool)) {
            changes.add("matrix-migrate (" + tool + ", now " + now.tool + ")");
        }
        changes.addAll(changed("the playbook's ", playbook, now.playbook));
        changes.addAll(changed("the inventory's ", inventory, now.inventory));
        return changes;
    }

    private static List<String> changed(String prefix, Map<String, String> then, Map<String, String> now) {
        List<String> names = new ArrayList<>();
        for (String name : then.keySet()) {
            if (!Objects.equals(then.get(name), now.get(name))) {
                names.add(prefix + name);
            }
        }
        now.keySet().stream().filter(name -> !then.containsKey(name)).map(name -> prefix + name + " (new)")
                .forEach(names::add);
        return names;
    }
}
