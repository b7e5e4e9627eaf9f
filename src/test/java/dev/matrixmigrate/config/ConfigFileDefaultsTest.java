package dev.matrixmigrate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.cli.MatrixMigrate;
import dev.matrixmigrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class ConfigFileDefaultsTest {
    @TempDir
    Path dir;

    /** Every long option of the command, as the command model has it: a new option is covered without an edit here. */
    private static List<OptionSpec> longOptions(CommandSpec command) {
        return command.options().stream()
                .filter(o -> o.longestName().startsWith("--") && !o.usageHelp() && !o.versionHelp() && !o.inherited()
                        && !o.longestName().equals("--config"))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"migrate", "plan"})
    void theConfigFileSetsEveryLongOptionOfTheCommand(String name) throws IOException {
        CommandSpec model = MatrixMigrate.commandLine().getSubcommands().get(name).getCommandSpec();
        List<OptionSpec> options = longOptions(model);
        assertTrue(options.size() > 15, "the model lists " + options.size() + " options");
        StringBuilder yaml = new StringBuilder();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (OptionSpec option : options) {
            String key = option.longestName().substring(2);
            Class<?> type = option.type();
            if (option.isMultiValue()) {
                yaml.append(key).append(": [\"a=1\", \"b=2 c\"]\n");
                expected.put(option.longestName(), List.of("a=1", "b=2 c"));
            } else if (type == boolean.class || type == Boolean.class) {
                yaml.append(key).append(": true\n");
                expected.put(option.longestName(), true);
            } else if (type == int.class || type == Integer.class) {
                yaml.append(key).append(": 4242\n");
                expected.put(option.longestName(), 4242);
            } else {
                yaml.append(key).append(": value-of-").append(key).append('\n');
                String text = "value-of-" + key;
                expected.put(option.longestName(), type == Path.class ? Path.of(text) : text);
            }
        }
        Path file = dir.resolve("all.yml");
        Files.writeString(file, yaml);

        CommandLine cli = MatrixMigrate.commandLine();
        CommandSpec parsed = cli.parseArgs(name, "--config", file.toString()).subcommand().commandSpec();
        for (OptionSpec option : longOptions(parsed)) {
            assertEquals(expected.get(option.longestName()), option.getValue(), option.longestName() + " from " + yaml);
        }
        assertEquals(expected.keySet(), longOptions(parsed).stream().map(OptionSpec::longestName)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theCommandLineWinsOverTheFileAndUnsetOptionsKeepTheirDefaults() throws IOException {
        Path file = dir.resolve("some.yml");
        Files.writeString(file, "to: 198.51.100.7\nextra-vars: [a=1, b=2]\ncold: true\nverify: checksum\n");
        CommandSpec parsed = MatrixMigrate.commandLine()
                .parseArgs("migrate", "--config", file.toString(), "-e", "x=9", "--verify", "quick")
                .subcommand().commandSpec();
        assertEquals(List.of("x=9"), parsed.findOption("--extra-vars").getValue());
        assertEquals("quick", parsed.findOption("--verify").getValue());
        assertEquals("198.51.100.7", parsed.findOption("--to").getValue());
        assertEquals(true, parsed.findOption("--cold").getValue());
        assertEquals((Object) null, parsed.findOption("--data-path").getValue(), "the data path is the playbook's, not ours");
        assertEquals("install-all", parsed.findOption("--install-tags").getValue());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsLineAndExitTwo() throws IOException {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "to: 198.51.100.7\n\nyes: maybe\n");
        Cli.Result result = Cli.run("migrate", "--config", file.toString(), "--dry-run");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("error: " + file + " line 3: 'yes' must be true or false", result.err().strip());

        Files.writeString(file, "extra-vars: a=1\n");
        result = Cli.run("plan", "--config", file.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().strip().endsWith("line 1: 'extra-vars' must be a list, e.g. [\"key=value\"]"),
                result.err());
    }

    @Test
    void oneFileServesPlanAndMigrateButAKeyNeitherTakesIsRefused() throws IOException {
        Path file = dir.resolve("both.yml");
        Files.writeString(file, "to: 198.51.100.7\nyes: true\nrollback-on-failure: true\n");
        CommandSpec plan = MatrixMigrate.commandLine().parseArgs("plan", "--config", file.toString()).subcommand()
                .commandSpec();
        assertEquals("198.51.100.7", plan.findOption("--to").getValue(), "plan takes its own keys from the file");
        CommandSpec migrate = MatrixMigrate.commandLine().parseArgs("migrate", "--config", file.toString()).subcommand()
                .commandSpec();
        assertEquals(true, migrate.findOption("--yes").getValue());

        Files.writeString(file, "to: 198.51.100.7\nyess: true\n");
        Cli.Result result = Cli.run("plan", "--config", file.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().strip().startsWith("error: " + file + " line 2: unknown key 'yess'"), result.err());
    }
}
