package dev.matrixmigrate.ansible;

import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SSH options Ansible's ssh connection will use from the playbook folder, as
 * {@code ansible-config dump} reports them (ansible.cfg, environment and defaults), so that the
 * tool's own SSH checks make the same connection Ansible makes; and where Ansible looks for callback plugins, which
 * the tool's commands add the plan's own to.
 */
public record SshSettings(List<String> arguments, String privateKey, String extraArguments,
        List<String> callbackPlugins) {
    /**
     * Keepalives for Ansible's own connections, added to its ssh_extra_args: a link that drops every packet ends a
     * connection in about a minute instead of hanging (the copy's ssh has its own).
     */
    public static final String KEEPALIVE = "-o ServerAliveInterval=15 -o ServerAliveCountMax=4";

    public SshSettings {
        arguments = List.copyOf(arguments);
        callbackPlugins = List.copyOf(callbackPlugins);
    }

    /**
     * ssh as Ansible would start it for this server (ansible.cfg's options, its port and user), host
     * keys checked strictly and never a prompt; the caller adds the address and what to run.
     */
    public List<String> command(InventoryHost server) {
        List<String> argv = new ArrayList<>(List.of("ssh"));
        argv.addAll(arguments);
        argv.addAll(List.of("-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=15",
                "-p", Integer.toString(server.sshPort())));
        if (server.user() != null) {
            argv.addAll(List.of("-l", server.user()));
        }
        return argv;
    }

    public static SshSettings read(ProcessRunner runner, AnsibleTools tools, Path playbookDir) {
        // dumping every plugin's settings loads every callback too, and ansible-core 2.21 deprecates two of them
        // (oneline, tree) in the user's log: none of that is the user's to act on
        String json = runner.capture(CommandSpec.of(playbookDir, List.of(tools.config(), "dump", "-t", "all", "--format",
                "json")).withTimeout(Duration.ofMinutes(2)).withEnvironment("ANSIBLE_DEPRECATION_WARNINGS", "False"));
        Object parsed = AnsibleJson.read(json, '[').orElse(null);
        List<String> args = new ArrayList<>();
        String privateKey = null;
        String extra = null;
        List<String> callbackPlugins = List.of();
        if (parsed instanceof List<?> entries) {
            privateKey = text(setting(entries, "DEFAULT_PRIVATE_KEY_FILE"));
            if (setting(entries, "DEFAULT_CALLBACK_PLUGIN_PATH") instanceof List<?> paths) {
                callbackPlugins = paths.stream().map(Object::toString).toList();
            }
            Map<?, ?> ssh = sshPlugin(entries);
            if (ssh != null) {
                for (String name : List.of("ssh_args", "ssh_common_args", "ssh_extra_args")) {
                    args.addAll(ShellWords.split(text(ssh.get(name))));
                }
                extra = text(ssh.get("ssh_extra_args"));
            }
        }
        return new SshSettings(args, privateKey, extra, callbackPlugins);
    }

    /** Ansible's ssh_extra_args as they are (ansible.cfg, environment), followed by {@link #KEEPALIVE}. */
    public String extraArgumentsWithKeepalive() {
        return (extraArguments == null || extraArguments.isBlank() ? "" : extraArguments.strip() + " ") + KEEPALIVE;
    }

    private static Object setting(List<?> entries, String name) {
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && name.equals(map.get("name"))) {
                return map.get("value");
            }
        }
        return null;
    }

    /** The ssh connection plugin's settings as name to value. */
    private static Map<?, ?> sshPlugin(List<?> entries) {
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && map.get("CONNECTION_PLUGINS") instanceof List<?> plugins) {
                for (Object plugin : plugins) {
                    if (plugin instanceof Map<?, ?> p && p.get("ssh") instanceof List<?> settings) {
                        Map<Object, Object> values = new java.util.HashMap<>();
                        for (Object s : settings) {
                            if (s instanceof Map<?, ?> setting) {
                                values.put(setting.get("name"), setting.get("value"));
                            }
                        }
                        return values;
                    }
                }
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
