package dev.matrixmigrate.migrate;

import dev.matrixmigrate.engine.CopyProgress;
import dev.matrixmigrate.engine.RunLock;
import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which runs prune removes: those beyond the newest {@code keep} that are finished for good. It never removes a
 * run that could go on or back: one running or stopped inside a step (resume), a rollback not finished, a run that
 * still forwards, or the newest run that stopped an old server and was not rolled back (its rollback still puts that
 * server back).
 */
public final class RunPrune {
    /** A run prune keeps although it is old enough to go, and why. */
    public record Kept(RunOverview run, String why) {
    }

    /** What prune does: the runs it removes, and the older ones it keeps with the reason. */
    public record Decision(List<RunOverview> remove, List<Kept> kept) {
    }

    /** A prune of a playbook folder's runs: removes (or with dryRun names) what {@link #decide} gives. */
    public record Request(Path playbookDir, int keep, boolean dryRun) {
        public void run(PrintWriter out) {
            try (RunLock lock = RunLock.take(playbookDir, "prune")) {
                List<RunOverview> runs = RunOverview.all(playbookDir);
                Decision decision = decide(runs, keep, Instant.now());
                for (Kept kept : decision.kept()) {
                    out.println("keeping run " + kept.run().run().id() + ": " + kept.why());
                }
                long bytes = 0;
                for (RunOverview run : decision.remove()) {
                    out.println((dryRun ? "would remove run " : "removing run ") + run.run().id() + " ["
                            + run.state().label() + "], " + CopyProgress.size(run.bytes()) + ": " + run.run().dir());
                    if (!dryRun) {
                        remove(run.run().dir());
                    }
                    bytes += run.bytes();
                }
                out.println((dryRun ? "would remove " : "removed ") + decision.remove().size() + " of " + runs.size()
                        + " runs (" + CopyProgress.size(bytes) + ")" + (dryRun ? "; nothing was removed" : ""));
                out.flush();
            }
        }
    }

    private RunPrune() {
    }

    /** A run's folder and all in it; the reviewed plan a run's plan/ links to stays (it is the user's). */
    private static void remove(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw Failure.whileRunning("could not remove " + dir + ": " + e.getMessage()
                    + "; run prune again once the cause is fixed", e);
        }
    }

    public static Decision decide(List<RunOverview> runs, int keep, Instant now) {
        Optional<RunOverview> rollbackable = runs.stream()
                .filter(run -> run.stoppedTheOldServer() && !run.rollback().complete()).reduce((a, b) -> b);
        List<RunOverview> remove = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (RunOverview run : runs.subList(0, Math.max(0, runs.size() - keep))) {
            String why = whyKept(run, rollbackable, now);
            if (why == null) {
                remove.add(run);
            } else {
                kept.add(new Kept(run, why));
            }
        }
        return new Decision(remove, kept);
    }

    private static String whyKept(RunOverview run, Optional<RunOverview> rollbackable, Instant now) {
        return switch (run.state()) {
            case RUNNING -> "it is running";
            case FAILED, INTERRUPTED, NOT_FINISHED -> "it can be resumed (migrate --resume --run " + run.run().id() + ")";
            case ROLLBACK_NOT_FINISHED -> "its rollback is not finished (migrate --rollback --run " + run.run().id() + ")";
            case COMPLETE, ROLLED_BACK -> run.forwarding(now) ? "its old server still forwards to the new one"
                    : rollbackable.filter(r -> r == run).isPresent() ? "it can still be rolled back (the newest run"
                            + " that stopped an old server)" : null;
        };
    }
}
