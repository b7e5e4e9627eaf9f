package dev.matrixmigrate.facts;

import dev.matrixmigrate.ansible.AnsibleError;
import dev.matrixmigrate.ansible.AnsibleJson;
import dev.matrixmigrate.ansible.AnsibleTools;
import dev.matrixmigrate.config.AnsibleOptions;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import dev.matrixmigrate.playbook.Playbook;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessOutput;
import dev.matrixmigrate.process.ProcessResult;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Asks Ansible, once, for the values of every {@link PlaybookVariable} for a host, as setup.yml would see
 * them. The play runs from a folder of its own beside links to the playbook's folders ({@link BesideThePlaybook}),
 * from the playbook's folder (its ansible.cfg).
 */
public record PlaybookValuesQuery(ProcessRunner runner, AnsibleTools tools, AnsibleOptions options) {
    private static final String MINIMAL = "ansible.builtin.minimal";

    @SuppressWarnings("unchecked")
    public PlaybookValues ask(Path playbookDir, Path inventory, String host) {
        Path work = null;
        try {
            work = Files.createTempDirectory("matrix-migrate-facts-");
            for (Map.Entry<String, Path> link : BesideThePlaybook.links(playbookDir).entrySet()) {
                Files.createSymbolicLink(work.resolve(link.getKey()), link.getValue());
            }
            Path play = work.resolve("playbook-values.yml");
            Files.writeString(play, FactsPlay.render(Files.readString(playbookDir.resolve(Playbook.SETUP),
                    StandardCharsets.UTF_8), PlaybookVariable.asked()));
            List<String> argv = new ArrayList<>(List.of(tools.playbook(), "-i", inventory.toAbsolutePath().toString(),
                    play.toString(), "--limit", host, "--tags", FactsPlay.TAG, "--skip-tags", "always"));
            argv.addAll(options.inventoryArguments());
            options.extraVars().forEach(vars -> argv.add("--extra-vars=" + vars));
            CommandSpec spec = CommandSpec.of(playbookDir, argv).withTimeout(Duration.ofMinutes(3))
                    // ansible-core's own: "host | SUCCESS => {result as JSON}"; callbacks the user enabled would
                    // print around it (an empty list is refused by ansible-core 2.19)
                    .withEnvironment("ANSIBLE_STDOUT_CALLBACK", MINIMAL)
                    .withEnvironment("ANSIBLE_CALLBACKS_ENABLED", MINIMAL)
                    .withEnvironment("ANSIBLE_RETRY_FILES_ENABLED", "false");
            ProcessResult result = runner.run(spec, ProcessOutput.captured());
            Object message = AnsibleJson.read(result.output(), '{')
                    .map(json -> json instanceof Map<?, ?> map ? map.get("msg") : null).orElse(null);
            if (!result.succeeded() || !(message instanceof String text)
                    || !(SafeYaml.loader().load(text) instanceof Map<?, ?> values)) {
                throw Failure.invalidInput("Ansible cannot tell the playbook's values for " + host + " ("
                        + spec.display() + "): " + (message != null ? message
                                : AnsibleError.describe(result, List.of(inventory.toAbsolutePath().getParent(),
                                        playbookDir.resolve("group_vars")))));
            }
            return new PlaybookValues(host, (Map<String, Object>) values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(work);
        }
    }

    /** The folder and its links (never what they point to). */
    private static void delete(Path work) {
        if (work == null) {
            return;
        }
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(work);
        } catch (IOException e) {
            // a temporary folder left behind holds no secret: only links and the play
        }
    }
}
