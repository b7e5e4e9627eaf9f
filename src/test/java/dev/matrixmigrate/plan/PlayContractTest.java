package dev.matrixmigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Fixtures;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract between the steps and the plays they run: every matrix_migrate_* variable a step passes is
 * declared (with its default) in the play it runs, and every one a play reads is declared there, defaulted
 * where it is read, or passed by every command that runs the play. Read from the templates themselves (and
 * the files they include) and from the commands in steps.md, as a person reviewing the plan reads them.
 */
class PlayContractTest {
    private static final Path TEMPLATES = Path.of("templates/plan");
    private static final Pattern VARIABLE = Pattern.compile("\\bmatrix_migrate_[a-z0-9_]+\\b");
    private static final Pattern DEFINED = Pattern.compile("(?m)^\\s*(?:-\\s+)?(matrix_migrate_[a-z0-9_]+):"
            + "|(?:register|loop_var):\\s*(matrix_migrate_[a-z0-9_]+)|\\{%-?\\s*set\\s+(matrix_migrate_[a-z0-9_]+)");
    private static final Pattern INCLUDED = Pattern.compile("\\$\\{files\\.([A-Z_]+)}");
    private static final Pattern PASSED = Pattern.compile("--extra-vars=(matrix_migrate_[a-z0-9_]+)=");
    /** The inventory's own groups, named in the templates from PlanBuilder. */
    private static final Set<String> GROUPS = Set.of(PlanBuilder.OLD_GROUP, PlanBuilder.NEW_GROUP);

    @TempDir
    static Path root;
    static List<PlannedCommand> commands = new ArrayList<>();

    record PlannedCommand(String play, Set<String> passed, String line, String mode) {
    }

    @BeforeAll
    static void plans() throws IOException {
        Path dir = Fixtures.playbook(root.resolve("playbook"));
        List<List<String>> modes = List.of(List.of(), List.of("--cold"), List.of("--database", "dump", "--verify",
                "checksum", "--no-self-check"), List.of("--database", "copy", "--force-target"), List.of("--forward", "--forward-for", "2h"),
                List.of("--cold", "--forward"), List.of("--database", "stream"));
        int number = 0;
        for (List<String> mode : modes) {
            Path planDir = root.resolve("plan-" + number++);
            List<String> args = new ArrayList<>(List.of("plan", "--playbook", dir.toString(), "--output",
                    planDir.toString(), "--host", "matrix.example.com", "--to", "198.51.100.20"));
            args.addAll(mode);
            Cli.Result result = Cli.run(args.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.toString());
            for (String line : Files.readAllLines(planDir.resolve(PlanFiles.STEPS))) {
                Matcher play = Pattern.compile(Pattern.quote(planDir.getFileName().toString()) + "/([a-z0-9-]+\\.yml)\\b")
                        .matcher(line);
                // a plan file given as variables (--extra-vars=@file) is not the play the line runs
                if (line.contains("ansible-playbook") && play.find() && !List.of(PlanFiles.TRAEFIK_TRUST, PlanFiles.INSTALL_ON_NEW).contains(play.group(1))) {
                    Set<String> passed = new TreeSet<>();
                    Matcher variable = PASSED.matcher(line);
                    while (variable.find()) {
                        passed.add(variable.group(1));
                    }
                    commands.add(new PlannedCommand(play.group(1), passed, line, String.join(" ", mode)));
                }
            }
        }
        assertTrue(commands.size() > 20, "the plans run the tool's plays: " + commands);
    }

    @Test
    void everyVariableAStepPassesIsDeclaredInThePlayItRuns() throws IOException {
        List<String> undeclared = new ArrayList<>();
        for (PlannedCommand command : commands) {
            String text = text(command.play());
            for (String variable : command.passed()) {
                if (!declared(text, variable)) {
                    undeclared.add(variable + " passed to " + command.play() + " (" + command.mode() + ")");
                }
            }
        }
        assertEquals(List.of(), undeclared.stream().distinct().toList());
    }

    @Test
    void everyVariableTheToolPassesAtRunTimeIsDeclaredInItsPlay() throws IOException {
        for (PlayVariable variable : PlayVariable.values()) {
            for (String play : plays(variable.play())) {
                assertTrue(declared(text(play), variable.variable()), variable.variable() + " is declared in " + play);
            }
        }
    }

    @Test
    void everyVariableAPlayReadsIsDeclaredDefaultedOrPassedByEveryCommandThatRunsIt() throws IOException {
        List<String> missing = new ArrayList<>();
        for (PlannedCommand command : commands) {
            String text = text(command.play());
            Set<String> defined = defined(text);
            Matcher read = VARIABLE.matcher(withoutComments(text));
            Set<String> seen = new LinkedHashSet<>();
            while (read.find()) {
                seen.add(read.group());
            }
            for (String variable : seen) {
                if (!defined.contains(variable) && !defaulted(text, variable) && !command.passed().contains(variable)
                        && !GROUPS.contains(variable)) {
                    missing.add(variable + " read by " + command.play() + " (" + command.mode() + "): " + command.line());
                }
            }
        }
        assertEquals(List.of(), missing.stream().distinct().toList());
    }

    /** The test can fail: a play that reads what nobody declares, defaults or passes is found. */
    @Test
    void aVariableNobodyDeclaresIsFound() {
        String play = "- hosts: all\n  vars:\n    matrix_migrate_known: 1\n  tasks:\n    - debug: {msg: "
                + "\"{{ matrix_migrate_known }} {{ matrix_migrate_unknown }} {{ matrix_migrate_soft | default(2) }}\"}\n";
        assertTrue(declared(play, "matrix_migrate_known") && declared(play, "matrix_migrate_soft"));
        assertTrue(!declared(play, "matrix_migrate_unknown") && !defined(play).contains("matrix_migrate_soft"));
    }

    /**
     * A play declares an extra variable it takes by giving it a default (in its vars, or where it reads it), or,
     * when every command must pass it, in its header's comment as passed with -e.
     */
    private static boolean declared(String text, String variable) {
        return defined(text).contains(variable) || defaulted(text, variable) || text.lines()
                .anyMatch(line -> line.strip().startsWith("#") && line.contains(variable) && line.contains("-e"));
    }

    private static boolean defaulted(String text, String variable) {
        return Pattern.compile("\\b" + variable + "\\s*\\|\\s*default\\(").matcher(text).find();
    }

    private static Set<String> defined(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = DEFINED.matcher(text);
        while (matcher.find()) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null) {
                    names.add(matcher.group(group));
                }
            }
        }
        return names;
    }

    private static String withoutComments(String text) {
        return text.lines().filter(line -> !line.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    /** The templates a plan file comes from (the DNS play from the provider's). */
    private static List<String> plays(String planFile) {
        return planFile.equals(PlanFiles.DNS) ? List.of("dns-rfc2136.yml", "dns-cloudflare.yml") : List.of(planFile);
    }

    /** A play's template with every file it includes or reads variables from, recursively. */
    private static String text(String play) throws IOException {
        StringBuilder all = new StringBuilder();
        Set<String> done = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(play));
        while (!todo.isEmpty()) {
            String file = todo.remove(0);
            if (!done.add(file)) {
                continue;
            }
            String template = Files.readString(TEMPLATES.resolve(file + ".ftl"));
            all.append(template).append('\n');
            Matcher included = INCLUDED.matcher(template);
            while (included.find()) {
                String name = planFile(included.group(1));
                if (name.equals(PlanFiles.PLAYBOOK_VALUES) && done.add(name)) {
                    // not a template: Ansible writes it for the plan; its matrix_migrate_* keys define variables
                    all.append(Files.readString(root.resolve("plan-0").resolve(name))).append('\n');
                } else if (name.endsWith(".yml") && Files.exists(TEMPLATES.resolve(name + ".ftl"))) {
                    todo.add(name);
                }
            }
        }
        return all.toString();
    }

    private static String planFile(String constant) {
        try {
            Field field = PlanFiles.class.getField(constant);
            assertTrue(Modifier.isStatic(field.getModifiers()));
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("templates name PlanFiles." + constant + ", which does not exist", e);
        }
    }
}
