package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.Playbook;

/** The playbook's matrix user and group on the new server. */
public final class SetupSystemUser extends StepKind {
    public static final SetupSystemUser KIND = new SetupSystemUser();

    private SetupSystemUser() {
        super("setup-system-user", runs());
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        boolean cold = in.settings().cold();
        return planned(cold ? "create the matrix user" : "create the matrix user on the new server", in.newTarget())
                .changes("the matrix user and group on new").inDowntime(cold)
                .text(text(in))
                .runs("setup-system-user", cold ? in.commands().setup(Playbook.TAG_SETUP_SYSTEM_USER)
                        : in.commands().setupOnNew(Playbook.TAG_SETUP_SYSTEM_USER))
                .build();
    }
}
