package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.RemotePaths;

/**
 * The stream route's warm part, after the install: a standby on the new server, made by a base backup of the old
 * server's Postgres through a tunnel, follows it until the cutover promotes it.
 */
public final class Standby extends StepKind {
    public static final Standby KIND = new Standby();

    private Standby() {
        super("standby", runs().plays(PlanFiles.STANDBY));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("let a standby on the new server follow the old server's Postgres", in.oldTarget() + " -> "
                        + in.newTarget())
                .changes("a replication slot in old's Postgres; " + in.values().postgresDataPath() + " and the container "
                        + RemotePaths.STANDBY_CONTAINER + " on new")
                .text(text(in, "port", RemotePaths.TUNNEL_PORT, "container", RemotePaths.STANDBY_CONTAINER))
                .runs("standby", in.commands().migrationPlay(PlanFiles.STANDBY))
                .build();
    }
}
