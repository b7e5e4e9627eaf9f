package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/** The new server installed while the old one serves, nothing of it left running. */
public final class Install extends StepKind {
    public static final Install KIND = new Install();

    private Install() {
        super("install", runs().plays(PlanFiles.MARK_INSTALL, PlanFiles.LIST_INSTALLED));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        String tags = in.settings().installTagsArgument();
        return planned("install the new server while the old one serves", in.newTarget())
                .changes("the installation on new, nothing left running")
                .text(text(in, "tags", tags))
                .runs("mark", in.commands().hostPlayOnNew(PlanFiles.MARK_INSTALL))
                .runs("install", in.trustingForwarder(in.commands().installOnNew(tags)))
                .runs("list", in.commands().hostPlayOnNew(PlanFiles.LIST_INSTALLED))
                .build();
    }
}
