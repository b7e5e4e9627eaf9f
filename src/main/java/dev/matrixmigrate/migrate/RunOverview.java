package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.RunLock;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.StepRecord;
import dev.matrixmigrate.engine.StepState;
import dev.matrixmigrate.forward.ForwardingState;
import dev.matrixmigrate.playbook.RemotePaths;
import dev.matrixmigrate.steps.Cleanup;
import dev.matrixmigrate.steps.Standby;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one run stands, read from its folder: its record, its journals, whether a process is working on it now,
 * and how much room its folder takes. What status shows and what prune may remove.
 */
public record RunOverview(RunFolder run, RunRecord record, Journal journal, RollbackState rollback, boolean running,
        long bytes) {

    /** A run's state as a whole, by the word status and --json give it. */
    public enum State {
        COMPLETE("complete"),
        ROLLED_BACK("rolled back"),
        RUNNING("running"),
        FAILED("failed"),
        INTERRUPTED("interrupted"),
        ROLLBACK_NOT_FINISHED("rollback not finished"),
        NOT_FINISHED("not finished");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Every run of a playbook folder, oldest first. */
    public static List<RunOverview> all(Path playbookDir) {
        Optional<String> held = RunLock.heldFor(playbookDir);
        List<RunOverview> runs = new ArrayList<>();
        for (RunFolder run : RunFolder.all(playbookDir)) {
            runs.add(new RunOverview(run, RunRecord.read(run.dir()), Journal.load(run.dir()), RollbackState.of(run),
                    held.filter(run.id()::equals).isPresent(), size(run.dir())));
        }
        return runs;
    }

    public State state() {
        if (running) {
            return State.RUNNING;
        }
        if (rollback.begun()) {
            return rollback.complete() ? State.ROLLED_BACK : State.ROLLBACK_NOT_FINISHED;
        }
        if (journal.complete()) {
            return State.COMPLETE;
        }
        for (StepRecord step : journal.steps()) {
            if (step.state() == StepState.FAILED) {
                return State.FAILED;
            }
            if (step.state() == StepState.INTERRUPTED || step.state() == StepState.RUNNING) {
                // a step journaled as running with no process on it: the tool was killed
                return State.INTERRUPTED;
            }
        }
        return State.NOT_FINISHED;
    }

    /** The step the run stopped at (failed, interrupted or running), if it stopped inside one. */
    public Optional<StepRecord> stoppedAt() {
        return journal.steps().stream().filter(step -> step.state() == StepState.FAILED
                || step.state() == StepState.INTERRUPTED || step.state() == StepState.RUNNING).findFirst();
    }

    /** Whether the old server of this run stopped (so that, until rolled back, a rollback can put it back). */
    public boolean stoppedTheOldServer() {
        return journal.servicesStoppedAt().isPresent();
    }

    /**
     * The stream route's replication slot on the old server, while it may exist: from the standby step's start until
     * the cleanup, or the rollback's remove-key, dropped it. A slot left there keeps the old server's WAL.
     */
    public Optional<String> replicationSlot() {
        boolean begun = journal.stateOf(Standby.KIND).filter(state -> state != StepState.PENDING).isPresent();
        boolean dropped = journal.stateOf(Cleanup.KIND).filter(StepState.DONE::equals).isPresent()
                || rollback.rollback().flatMap(steps -> steps.stateOf(Cleanup.ROLLBACK_KIND)).filter(StepState.DONE::equals)
                        .isPresent();
        return begun && !dropped ? Optional.of(RemotePaths.slot(run.id())) : Optional.empty();
    }

    /** Whether the old server still forwards to the new one. */
    public boolean forwarding(Instant now) {
        return ForwardingState.of(run.planDir()).map(state -> state.running(now)).orElse(false);
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
