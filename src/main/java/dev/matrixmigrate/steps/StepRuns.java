package dev.matrixmigrate.steps;

/**
 * How the engine runs a step: which of its own parts runs it, what finishing it means for the service,
 * the file its play explains a failure in, and the earlier step whose leftovers it removes.
 *
 * @param explainedBy the plan file the step's play writes why it failed or refused (null: none)
 * @param refuses a failure explained there is a refusal (exit 2, nothing was changed)
 * @param cleansUpAfter the step whose leftovers this one removes, run also after a later failure (null: none)
 * @param forceable --force with --rollback passes {@code matrix_migrate_force=true} to its commands
 * @param stopNotes the plan file its play notes the exact moment the services stopped in (null: the step's start)
 */
public record StepRuns(Way way, Service service, String explainedBy, boolean refuses, StepKind cleansUpAfter,
        boolean forceable, String stopNotes) {

    /** The part of the tool that runs the step. */
    public enum Way {
        /** Its commands in order. */
        COMMANDS,
        /** The DNS provider's secret tried in check mode. */
        DNS_CHECK,
        /** The records that move pointed at the new server, and waited for. */
        DNS,
        /** The records that moved pointed at the old server again. */
        DNS_BACK,
        /** inventory/hosts replaced by the new one, with a backup. */
        SWITCH_INVENTORY,
        /** inventory/hosts put back as it was. */
        RESTORE_INVENTORY,
        /** The dump's import, its preparation deciding whether setup-postgres runs first. */
        IMPORT_DATABASE,
        /** Its commands, noting from when the new server's services may run on their own. */
        START,
        /** The old server forwards to the new one until caches no longer hold its address. */
        FORWARD
    }

    /** What finishing the step means for the service, recorded in the journal for the downtime. */
    public enum Service { UNCHANGED, STOPS, STARTS }

    public static StepRuns commands() {
        return new StepRuns(Way.COMMANDS, Service.UNCHANGED, null, false, null, false, null);
    }

    public static StepRuns way(Way way) {
        return commands().with(way);
    }

    public StepRuns with(Way way) {
        return new StepRuns(way, service, explainedBy, refuses, cleansUpAfter, forceable, stopNotes);
    }

    public StepRuns with(Service service) {
        return new StepRuns(way, service, explainedBy, refuses, cleansUpAfter, forceable, stopNotes);
    }

    public StepRuns explainedBy(String file) {
        return new StepRuns(way, service, file, false, cleansUpAfter, forceable, stopNotes);
    }

    public StepRuns refusingWith(String file) {
        return new StepRuns(way, service, file, true, cleansUpAfter, forceable, stopNotes);
    }

    public StepRuns cleaningUpAfter(StepKind step) {
        return new StepRuns(way, service, explainedBy, refuses, step, forceable, stopNotes);
    }

    public StepRuns forcing() {
        return new StepRuns(way, service, explainedBy, refuses, cleansUpAfter, true, stopNotes);
    }

    /** It stops the services, and its play notes the exact moment in this plan file. */
    public StepRuns stoppingNotedIn(String file) {
        return new StepRuns(way, Service.STOPS, explainedBy, refuses, cleansUpAfter, forceable, file);
    }
}
