package dev.matrixmigrate.cli;

import dev.matrixmigrate.ansible.AnsibleTools;
import dev.matrixmigrate.ansible.SshSettings;
import dev.matrixmigrate.config.ConfigFileDefaults;
import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.files.Stamp;
import dev.matrixmigrate.plan.MigrationPlan;
import dev.matrixmigrate.plan.PlanBuilder;
import dev.matrixmigrate.plan.PlanWriter;
import dev.matrixmigrate.process.ProcessRunner;
import dev.matrixmigrate.steps.StepList;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "matrix-migrate plan --to=ADDRESS [OPTIONS]",
        defaultValueProvider = ConfigFileDefaults.class,
        description = {"Renders the whole migration into a folder for review: the old and new inventory and their"
                + " diff, the generated plays and every command line in steps.md. Changes nothing anywhere."},
        footerHeading = "%nExample, in the playbook checkout (or with --playbook DIR):%n",
        footer = "  matrix-migrate plan --to 198.51.100.20")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    MigrationOptions options;

    @Option(names = "--output", paramLabel = "PLANDIR",
            description = "Where to write the plan (default: DIR/.matrix-migrate/plan-<time>); must be new or empty.")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MigrationSettings settings = options.settings(output);
        String runId = Stamp.now();
        Path planDir = settings.output()
                .orElse(settings.playbookDir().resolve(".matrix-migrate").resolve("plan-" + runId));
        PlanWriter.refuseNonEmpty(planDir);
        AnsibleTools tools = AnsibleTools.locate(options.ansible.ansiblePlaybook);
        ProcessRunner runner = new ProcessRunner();
        SshSettings ssh = SshSettings.read(runner, tools, settings.playbookDir());
        MigrationPlan plan = PlanBuilder.of(settings, tools, runner, ssh, StepList.ORDER).build(settings, runId, planDir);
        new PlanWriter().write(plan);
        var out = spec.commandLine().getOut();
        out.println("Migration plan for " + plan.summary());
        out.println("Written to " + planDir + " (read steps.md first; inventory.diff shows the one line that changes).");
        plan.dns().lines().forEach(out::println);
        plan.dns().ttlTooLong().ifPresent(warning -> out.println("warning: " + warning));
        return ExitCode.OK;
    }
}
