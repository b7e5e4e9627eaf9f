package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.ServiceEffect;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.Playbook;

/** The rollback's: the playbook's start on the old server. */
public final class StartOld extends StepKind {
    public static final StartOld KIND = new StartOld();

    private StartOld() {
        super("start-old", runs().service(ServiceEffect.STARTS));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("start the old server again", in.oldTarget())
                .changes("the old server's services start").inDowntime(true)
                .text(text(in))
                .runs("start", in.commands().setupOnOld(Playbook.TAG_START))
                .build();
    }
}
