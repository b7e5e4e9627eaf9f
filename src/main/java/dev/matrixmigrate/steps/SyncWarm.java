package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/** The first copy, while the old server still serves. */
public final class SyncWarm extends StepKind {
    public static final SyncWarm KIND = new SyncWarm();

    private SyncWarm() {
        super("sync-warm", runs().plays(PlanFiles.SYNC));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("copy " + in.data() + " while the old server still serves", in.oldTarget() + " -> "
                        + in.newTarget())
                .changes(in.data() + " on new")
                .text(text(in, "rsync", CopyPass.RSYNC))
                .runs("copy", in.commands().migrationPlay(PlanFiles.SYNC, CopyPass.WARM.variables(in, null)))
                .progress(in.progress().apply(CopyPass.WARM.label()))
                .build();
    }
}
