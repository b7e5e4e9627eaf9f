package dev.matrixmigrate.ansible;

import dev.matrixmigrate.config.AnsibleOptions;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
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
 * Evaluates a Jinja expression for an inventory host as Ansible sees the host's variables (host_vars,
 * group_vars beside the inventory and beside the playbook, templated), with an ad-hoc debug task: it
 * runs on this machine and connects to no server.
 */
public final class HostExpression {
    private final ProcessRunner runner;
    private final AnsibleTools tools;
    private final AnsibleOptions options;

    private static final String MINIMAL = "ansible.builtin.minimal";

    public HostExpression(ProcessRunner runner, AnsibleTools tools, AnsibleOptions options) {
        this.runner = runner;
        this.tools = tools;
        this.options = options;
    }

    /** The value of {@code expression} (which must give JSON text, e.g. {@code x | to_json}) for the host. */
    @SuppressWarnings("unchecked")
    public Object evaluate(Path playbookDir, String inventory, String host, String expression) {
        List<String> argv = new ArrayList<>(List.of(tools.adhoc(), host, "-i", inventory, "--playbook-dir",
                playbookDir.toString(), "-m", "ansible.builtin.debug", "-a", "msg={{ " + expression + " }}"));
        argv.addAll(options.inventoryArguments());
        options.extraVars().forEach(vars -> argv.add("--extra-vars=" + vars));
        CommandSpec spec = CommandSpec.of(playbookDir, argv).withTimeout(Duration.ofMinutes(2))
                .withEnvironment("ANSIBLE_LOAD_CALLBACK_PLUGINS", "1")
                // ansible-core's own: "host | SUCCESS => {result as JSON}" (the json callback is a collection's)
                .withEnvironment("ANSIBLE_STDOUT_CALLBACK", MINIMAL)
                // callbacks the user enabled (profile_tasks, timer) would print after the JSON; an empty list
                // is refused by ansible-core 2.19, the stdout callback itself changes nothing
                .withEnvironment("ANSIBLE_CALLBACKS_ENABLED", MINIMAL);
        ProcessResult result = runner.run(spec, ProcessOutput.captured());
        Object message = AnsibleJson.read(result.output(), '{').map(json -> ((Map<String, Object>) json).get("msg"))
                .orElse(null);
        if (!result.succeeded() || !(message instanceof String text)) {
            throw Failure.invalidInput("Ansible cannot tell the variables of " + host + " (" + spec.display() + "): "
                    + (message != null ? message : ProcessRunner.lastLines(result.output(), 3)));
        }
        return SafeYaml.loader().load(text);
    }
}
