package dev.matrixmigrate.migrate;

import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.engine.ConnectionRetry;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.terminal.BecomePassword;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What one `migrate` invocation asks for, validated by the command line.
 *
 * @param settings the new run's settings; empty when a recorded run goes on or back (it has its own)
 * @param reviewedPlan a new run runs this plan folder as it is (empty: it writes its own into its run folder)
 * @param ansiblePlaybook the ansible-playbook to run a new run with (null: from PATH)
 * @param runId the run to resume or roll back (empty: the latest)
 * @param dryRun print the steps and their commands; run nothing
 * @param options how the run goes when it does run
 */
public record MigrateRequest(Action action, Path playbookDir, Optional<MigrationSettings> settings,
        Optional<Path> reviewedPlan, Path ansiblePlaybook, Optional<String> runId, boolean dryRun, RunOptions options) {

    public enum Action {
        /** A new run. */
        START,
        /** The rest of a failed or interrupted run. */
        RESUME,
        /** The old server of a run back in service. */
        ROLLBACK,
        /** The forwarding of a run ended before its time. */
        STOP_FORWARDING
    }

    /**
     * @param acceptNewHostKey trust an unknown SSH host key without asking (its fingerprint is printed)
     * @param askBecomePass ask for the sudo password before the steps run
     * @param force with a rollback: go back even when the new server may have served users
     * @param rollbackOnFailure roll back at once when a step after the old server's stop fails
     * @param reconnectFor how long a step that lost its SSH connection runs again by itself (zero: never)
     */
    public record RunOptions(boolean acceptNewHostKey, boolean askBecomePass, boolean force,
            boolean rollbackOnFailure, Duration reconnectFor) {
    }

    public MigrateRequest {
        if (action == Action.START && settings.isEmpty()) {
            throw new IllegalArgumentException("a new run needs its settings");
        }
    }

    /** The recorded run this request names (--run), or the latest; {@code purpose} says what for in a refusal. */
    RunFolder run(String purpose) {
        return RunFolder.find(playbookDir, runId.orElse(null), purpose);
    }

    /** The sudo password, asked now when --ask-become-pass says so. */
    BecomePassword becomePassword() {
        return options.askBecomePass() ? BecomePassword.ask() : BecomePassword.none();
    }

    /** How the run's steps ride through a lost connection to either server (--reconnect-for). */
    ConnectionRetry retry(RunRecord record) {
        return new ConnectionRetry(options.reconnectFor(), record.oldAddress(), record.newAddress());
    }

    /** The command that goes on with this run one way or the other: {@code --resume} or {@code --rollback}. */
    String goOn(RunRecord record, RunFolder run, String way) {
        return "matrix-migrate migrate --playbook " + CommandSpec.quote(record.playbookDir().toString())
                + " " + way + " --run " + run.id() + (options.askBecomePass() ? " --ask-become-pass" : "");
    }
}
