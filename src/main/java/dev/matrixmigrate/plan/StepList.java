package dev.matrixmigrate.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a migration, in the order they run. By default the copy is warm: a first pass while
 * the old server still serves, the new server installed meanwhile, and inside the downtime only
 * the stop, a short final pass, the verification and the playbook's start. With --cold, one pass
 * after the stop, then the guide's setup-system-user, chown and install-all,start.
 */
final class StepList {
    private StepList() {
    }

    static List<StepKind> order(StepInputs in) {
        List<StepKind> steps = new ArrayList<>(List.of(StepKind.PREFLIGHT));
        if (in.updatesDns()) {
            steps.add(StepKind.DNS_CHECK);
        }
        if (in.settings().cold()) {
            steps.addAll(List.of(StepKind.CUTOVER, StepKind.DNS, StepKind.SWITCH_INVENTORY,
                    StepKind.SETUP_SYSTEM_USER, StepKind.CHOWN));
        } else {
            steps.addAll(List.of(StepKind.SYNC_WARM, StepKind.SETUP_SYSTEM_USER, StepKind.CHOWN,
                    StepKind.INSTALL, StepKind.CUTOVER, StepKind.DNS, StepKind.SWITCH_INVENTORY));
            if (in.settings().mayImport()) {
                steps.add(StepKind.IMPORT_DATABASE);
            }
        }
        steps.addAll(List.of(StepKind.START, StepKind.HEALTH));
        if (in.forward().isPresent()) {
            steps.add(StepKind.FORWARD);
        }
        steps.add(StepKind.CLEANUP);
        return steps;
    }

    static List<PlannedStep> planned(StepInputs in) {
        return order(in).stream().map(step -> step.plan(in)).toList();
    }

    /**
     * The rollback's steps: once the check allows it, the forwarding ends and the new server stops before the old one
     * starts, so the two never serve at once (the check refusing leaves the forwarding on).
     */
    static List<PlannedStep> rollback(StepInputs in) {
        List<StepKind> steps = new ArrayList<>(List.of(StepKind.CHECK_NEW));
        if (in.forward().isPresent()) {
            steps.add(StepKind.STOP_FORWARDING);
        }
        steps.addAll(List.of(StepKind.STOP_NEW, StepKind.RESTORE_INVENTORY, StepKind.DNS_BACK,
                StepKind.START_OLD, StepKind.REMOVE_KEY, StepKind.HEALTH_OLD));
        return steps.stream().map(step -> step.plan(in)).toList();
    }
}
