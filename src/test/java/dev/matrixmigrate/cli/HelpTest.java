package dev.matrixmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class HelpTest {
    private static final List<String> MIGRATE_HEADINGS = List.of("Playbook:", "New server:", "Procedure:",
            "Database:", "DNS:", "Ansible:", "Run control:", "Other:");

    @org.junit.jupiter.api.Test
    void everyStepOfAMigrationIsNamedInMigrateHelpAndTheReadme() throws IOException {
        String help = Cli.run("migrate", "--help").out().replaceAll("\\s+", " ");
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        for (dev.matrixmigrate.steps.StepKind kind : dev.matrixmigrate.steps.StepList.all()) {
            assertTrue(help.contains(kind.id()), kind.id() + " is named in migrate --help");
            assertTrue(readme.contains("`" + kind.id() + "`"), kind.id() + " is named in the README");
        }
    }

    @org.junit.jupiter.api.Test
    void aMistypedCommandOrOptionGetsOneLineWithWhatWasMeant() {
        Cli.Result command = Cli.run("migrat", "--to", "198.51.100.20");
        assertEquals(2, command.exitCode(), command.toString());
        assertEquals(1, command.err().strip().lines().count(), command.err());
        assertTrue(command.err().contains("(did you mean migrate"), command.err());
        Cli.Result option = Cli.run("plan", "--too", "198.51.100.20");
        assertEquals(2, option.exitCode(), option.toString());
        assertEquals(1, option.err().strip().lines().count(), option.err());
        assertTrue(option.err().contains("did you mean --to"), option.err());
    }

    @org.junit.jupiter.api.Test
    void migrateListsItsOptionsUnderTheHeadingsOfTheirGroupsInOrder() {
        String help = Cli.run("migrate", "--help").out();
        List<Integer> at = new ArrayList<>();
        for (String heading : MIGRATE_HEADINGS) {
            int index = help.indexOf("\n" + heading + "\n");
            assertTrue(index >= 0, heading + " is a heading of migrate --help:\n" + help);
            at.add(index);
        }
        assertEquals(at.stream().sorted().toList(), at, "the headings come in order");
        int database = help.indexOf("\nDatabase:\n");
        assertTrue(help.indexOf("--database=ROUTE") > database && help.indexOf("--database=ROUTE")
                < help.indexOf("\nDNS:\n"), "--database is under Database:");
        assertTrue(help.indexOf("\n      --rollback ") > help.indexOf("\nRun control:\n"),
                "--rollback is under Run control:");
        assertTrue(help.startsWith("Usage: matrix-migrate migrate --to=ADDRESS [OPTIONS]\n       matrix-migrate migrate --resume|--rollback|--stop-forwarding [OPTIONS]\n"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "plan", "migrate", "status", "prune", "completion"})
    void everyOptionIsInTheHelpOnceWithoutTheConfigListSeparatorAndIsDocumented(String command) throws IOException {
        String help = Cli.run(command, "--help").out();
        assertFalse(help.contains("\\x00"), "no raw split pattern in the help:\n" + help);
        String docs = docs();
        CommandLine cli = MatrixMigrate.commandLine().getSubcommands().get(command);
        for (OptionSpec option : cli.getCommandSpec().options()) {
            String name = option.longestName();
            if (option.usageHelp() || option.versionHelp() || name.equals("--debug")) {
                continue;
            }
            String shown = option.negatable() ? name.replaceFirst("^--(no-)?", "--[no-]") : name;
            assertEquals(1, listed(help, shown), shown + " is listed once in " + command + " --help:\n" + help);
            assertTrue(docs.contains(name.replaceFirst("^--no-", "--")), name + " of " + command + " is documented in docs/");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "plan", "migrate", "status", "prune", "completion"})
    void everyCommandShowsAnExampleAndItsRequiredOptionsInItsUsageLine(String command) {
        String help = Cli.run(command, "--help").out();
        assertTrue(help.contains("\nExample") && help.contains("  matrix-migrate " + command), "an example in "
                + command + " --help:\n" + help);
        String usage = help.substring(0, help.indexOf("\n\n") < 0 ? help.length() : help.indexOf("\n\n"));
        CommandLine cli = MatrixMigrate.commandLine().getSubcommands().get(command);
        for (OptionSpec option : cli.getCommandSpec().options()) {
            if (option.required()) {
                assertTrue(usage.matches("(?s).*[ |]" + java.util.regex.Pattern.quote(option.longestName())
                        + "[= ].*") && !usage.contains("[" + option.longestName()), option.longestName()
                        + " is required, and shown so in the usage line: " + usage);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theBashCompletionScriptIsValidAndCompletesEveryCommandAndOption() throws Exception {
        Cli.Result result = Cli.run("completion", "bash");
        assertEquals(0, result.exitCode(), result.toString());
        Path script = Files.createTempFile("matrix-migrate-completion", ".bash");
        try {
            Files.writeString(script, result.out());
            Process check = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            String said = new String(check.getInputStream().readAllBytes());
            assertEquals(0, check.waitFor(), said);
        } finally {
            Files.delete(script);
        }
        for (String word : List.of("inventory", "plan", "migrate", "status", "prune", "completion", "--reconnect-for",
                "--events", "--keep", "--json")) {
            assertTrue(result.out().contains(word), word + " is completed");
        }
        assertEquals(result.out(), Cli.run("completion", "zsh").out(), "zsh loads the same script through bashcompinit");
        Cli.Result fish = Cli.run("completion", "fish");
        assertEquals(2, fish.exitCode(), fish.toString());
    }

    /** How many lines of the option list start with the option (after its short name, if any). */
    private static long listed(String help, String option) {
        return help.lines().filter(line -> line.matches("  (-\\S, |    |)" + java.util.regex.Pattern.quote(option)
                + "([= ].*)?")).count();
    }

    private static String docs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                all.append(Files.readString(page));
            }
        }
        return all.toString();
    }
}
