package dev.matrixmigrate.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a migration, in the order they run. By default the copy is warm: a first pass while
 * the old server still serves, the new server installed meanwhile, and inside the downtime only
 * the stop, a short final pass, the verification and the playbook's start. With --cold, one pass
 * after the stop, then the guide's setup-system-user, chown and setup-all,start.
 */
final class StepList {
    private StepList() {
    }

    static List<MigrationStep> order(StepInputs in) {
        List<MigrationStep> steps = new ArrayList<>(List.of(MigrationStep.PREFLIGHT));
        if (in.updatesDns()) {
            steps.add(MigrationStep.DNS_CHECK);
        }
        if (in.settings().cold()) {
            steps.addAll(List.of(MigrationStep.CUTOVER, MigrationStep.DNS, MigrationStep.SWITCH_INVENTORY,
                    MigrationStep.SETUP_SYSTEM_USER, MigrationStep.CHOWN));
        } else {
            steps.addAll(List.of(MigrationStep.SYNC_WARM, MigrationStep.SETUP_SYSTEM_USER, MigrationStep.CHOWN,
                    MigrationStep.INSTALL, MigrationStep.CUTOVER, MigrationStep.DNS, MigrationStep.SWITCH_INVENTORY));
            if (in.settings().mayImport()) {
                steps.add(MigrationStep.IMPORT_DATABASE);
            }
        }
        steps.addAll(List.of(MigrationStep.START, MigrationStep.HEALTH, MigrationStep.CLEANUP));
        return steps;
    }

    static List<PlannedStep> planned(StepInputs in) {
        return order(in).stream().map(step -> step.plan(in)).toList();
    }
}
