package dev.matrixmigrate.ansible;

import dev.matrixmigrate.config.AnsibleOptions;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessOutput;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an inventory through Ansible's own parser ({@code ansible-inventory}), so that whatever
 * Ansible accepts is accepted here. Its output is parsed, never logged: host_vars hold secrets.
 */
public record InventoryReader(ProcessRunner runner, AnsibleTools tools, AnsibleOptions options) {
    /** The hosts of a group, as {@code ansible-inventory --list --export} lists them. */
    public List<String> groupHosts(Path dir, Path inventory, String group) {
        Map<String, Object> listed = parse(run(dir, inventory, List.of("--list", "--export")), inventory);
        List<String> hosts = new ArrayList<>();
        collect(listed, group, hosts);
        return hosts;
    }

    /** The connection settings of one host with every variable source merged, as Ansible uses them. */
    public InventoryHost host(Path dir, Path inventory, String name) {
        Map<String, Object> vars = parse(run(dir, inventory, List.of("--host", name)), inventory);
        String address = text(vars, "ansible_host", text(vars, "ansible_ssh_host", name));
        String user = text(vars, "ansible_user", text(vars, "ansible_ssh_user", null));
        String port = text(vars, "ansible_port", text(vars, "ansible_ssh_port", null));
        String become = text(vars, "ansible_become", "false");
        return new InventoryHost(name, address, user, port == null ? null : Integer.valueOf(port),
                become.toLowerCase(java.util.Locale.ROOT).matches("true|yes|1|on"),
                text(vars, "ansible_ssh_private_key_file", text(vars, "ansible_private_key_file", null)));
    }

    private String run(Path dir, Path inventory, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(tools.inventory(), "-i", inventory.toString()));
        argv.addAll(args);
        argv.addAll(options.inventoryArguments());
        CommandSpec spec = CommandSpec.of(dir, argv).withTimeout(Duration.ofMinutes(2))
                .withEnvironment("ANSIBLE_INVENTORY_UNPARSED_FAILED", "True")
                .withEnvironment("ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED", "True");
        ProcessResult result = runner.run(spec, ProcessOutput.captured());
        if (!result.succeeded()) {
            throw Failure.invalidInput("Ansible cannot read the inventory (" + spec.display() + "): "
                    + AnsibleError.describe(result, List.of(dir.resolve(inventory).getParent(), dir.resolve("group_vars"))));
        }
        return result.output();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String output, Path inventory) {
        Object parsed = AnsibleJson.read(output, '{').orElseThrow(() -> Failure.invalidInput(
                "Ansible printed no inventory for " + inventory + ": " + ProcessRunner.lastLines(output, 3)));
        return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> listed, String group, List<String> hosts) {
        if (!(listed.get(group) instanceof Map<?, ?> entry)) {
            return;
        }
        if (entry.get("hosts") instanceof List<?> list) {
            list.forEach(h -> {
                if (!hosts.contains(h.toString())) {
                    hosts.add(h.toString());
                }
            });
        }
        if (entry.get("children") instanceof List<?> children) {
            children.forEach(child -> collect(listed, child.toString(), hosts));
        }
    }

    private static String text(Map<String, Object> vars, String key, String fallback) {
        Object value = vars.get(key);
        return value == null ? fallback : value.toString();
    }
}
