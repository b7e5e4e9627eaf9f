package dev.matrixmigrate.plan;

import java.util.List;

/**
 * The steps of a rollback, planned with the migration so that a person reviews them beforehand and
 * `migrate --rollback` runs them as recorded, whatever inventory/hosts names by then. The new server
 * stops before the old one starts, so the two never serve at once.
 */
public enum RollbackStep implements StepKind {
    CHECK_NEW("check-new", StepRuns.commands().refusingWith(PlanFiles.ROLLBACK_REFUSAL).forcing()) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "find what the new server has that the old one lacks", in.newTarget())
                    .says("Lists the files under " + in.data() + " that changed on the new server since its services"
                            + " could run (count, bytes, paths, in " + in.planFile(PlanFiles.WRITTEN_ON_NEW) + "):"
                            + " going back leaves them behind.")
                    .says("Unless its client API answered neither the health check nor now, the new server may have"
                            + " served users, and any such file refuses the rollback, unless --force.")
                    .runs("check", in.commands().hostPlayOnNew(PlanFiles.CHECK_NEW_WRITES))
                    .build();
        }
    },

    STOP_NEW("stop-new", StepRuns.commands().with(StepRuns.Service.STOPS)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "stop the new server for good", in.newTarget())
                    .changes("new stopped and disabled").inDowntime(true)
                    .says("Disables and stops every matrix* unit of the new server (" + PlanFiles.STOP_UNITS
                            + "), before the old one starts.")
                    .says("Its data stays as it is.")
                    .runs("stop", in.commands().hostPlayOnNew(PlanFiles.STOP_NEW))
                    .build();
        }
    },

    RESTORE_INVENTORY("restore-inventory", StepRuns.way(StepRuns.Way.RESTORE_INVENTORY)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "point inventory/hosts at the old server again", "the playbook folder")
                    .changes("inventory/hosts").inDowntime(true)
                    .says("Puts " + in.planFile(PlanFiles.INVENTORY_OLD) + " back as inventory/hosts, byte for byte.")
                    .says("Refused when the file changed since the switch in another way than the run's own.")
                    .build();
        }
    },

    DNS_BACK("dns-back", StepRuns.way(StepRuns.Way.DNS_BACK).explainedBy(PlanFiles.DNS_FAILURE)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            PlannedStep.Builder step = PlannedStep.of(this, "point DNS at the old server again", StepInputs.HERE)
                    .inDowntime(true);
            if (in.updatesDns()) {
                step.changes("the DNS records that moved")
                        .says("Puts back what the record sets that moved held before the migration ("
                                + in.planFile(PlanFiles.DNS_CHANGES) + ", old) with " + PlanFiles.DNS + ".")
                        .runs("dns", in.commands().dnsPlay("old"));
            } else {
                step.says("Shows the DNS records to point back at " + in.old().address() + " (" + in.old().name()
                        + " and the other names of services you enabled).");
            }
            return step.says("Then it warns while " + (in.dns().isPresent() ? "the zone's server"
                    : "the local resolver") + " still answers another address.").build();
        }
    },

    START_OLD("start-old", StepRuns.commands().with(StepRuns.Service.STARTS)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "start the old server again", in.oldTarget())
                    .changes("the old server's services start").inDowntime(true)
                    .says("Runs the playbook with --tags=" + Playbook.TAG_START + " on the old server: it enables and starts its units"
                            + " again.")
                    .runs("start", in.commands().setupOnOld(Playbook.TAG_START))
                    .build();
        }
    },

    REMOVE_KEY("remove-key", StepRuns.commands().cleaningUpAfter(CHECK_NEW)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            return PlannedStep.of(this, "remove the copy's key", in.both())
                    .changes("the copy's key removed")
                    .says("Removes the run's key from the new server's authorized_keys and from the old server ("
                            + PlanFiles.CLEANUP + "), wherever it still is.")
                    .runs("cleanup", in.commands().migrationPlayAfterSwitch(PlanFiles.CLEANUP))
                    .build();
        }
    },

    HEALTH_OLD("health-old", StepRuns.commands().explainedBy(PlanFiles.HEALTH_OLD_RESULT)) {
        @Override
        public PlannedStep plan(StepInputs in) {
            long wait = in.settings().healthTimeout().toSeconds();
            return PlannedStep.of(this, "check that the old server serves Matrix again", in.oldTarget())
                    .says("Asks the old server what the health check asked of the new one (" + PlanFiles.HEALTH
                            + ", polled for up to " + wait + " s).")
                    .says("Its server name and signing keys must be those it answered in the preflight.")
                    .runs("answers", in.commands().hostPlayOnOld(PlanFiles.HEALTH,
                            PlayVariable.HEALTH_TIMEOUT.is(wait),
                            PlayVariable.HEALTH_RESULT.is(PlanFiles.HEALTH_OLD_RESULT)))
                    .build();
        }
    };

    private final String id;
    private final StepRuns runs;

    RollbackStep(String id, StepRuns runs) {
        this.id = id;
        this.runs = runs;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public StepRuns runs() {
        return runs;
    }

    static List<PlannedStep> planned(StepInputs in) {
        return java.util.Arrays.stream(values()).map(step -> step.plan(in)).toList();
    }
}
