package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.PlannedLocalStep;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.files.FileChange;
import dev.matrixmigrate.files.FileWriter;
import dev.matrixmigrate.playbook.PlanFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * For a rollback: puts the user's inventory (inventory/hosts unless --inventory said otherwise) back, byte for
 * byte, as it was before the run (the plan's inventory.old, which the switch required it to be). Refuses when the
 * file is neither that nor the run's own inventory.new: someone changed it since, and their edit is theirs to sort out.
 */
public record RestoreInventoryStep(RunRecord.StepPlan plan, Path hosts, Path planDir) implements PlannedLocalStep {
    /** Why the inventory cannot be put back, if it cannot: checked before a rollback touches anything. */
    public static Optional<String> problem(Path hosts, Path planDir) {
        try {
            String current = Files.readString(hosts, StandardCharsets.UTF_8);
            if (current.equals(read(planDir, PlanFiles.INVENTORY_OLD)) || current.equals(read(planDir, PlanFiles.INVENTORY_NEW))) {
                return Optional.empty();
            }
            return Optional.of(hosts + " changed since the run switched it, in another way than the run's"
                    + " own (compare it with " + planDir.resolve(PlanFiles.INVENTORY_NEW) + "): put "
                    + planDir.resolve(PlanFiles.INVENTORY_OLD) + " or " + planDir.resolve(PlanFiles.INVENTORY_NEW)
                    + " back in its place, then roll back again");
        } catch (IOException e) {
            return Optional.of("cannot read the inventory to put back: " + e.getMessage());
        }
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        Optional<String> problem = problem(hosts, planDir);
        if (problem.isPresent()) {
            // checked before the rollback began, so it changed meanwhile: not a refusal, the rollback is under way
            throw new StepFailed(problem.get(), null, null);
        }
        try {
            String old = read(planDir, PlanFiles.INVENTORY_OLD);
            if (Files.readString(hosts, StandardCharsets.UTF_8).equals(old)) {
                context.out().println(hosts + " already points at the old server");
                return;
            }
            List<Path> backups = new FileWriter().apply(List.of(FileChange.of(hosts, old)));
            context.out().println("put " + planDir.resolve(PlanFiles.INVENTORY_OLD) + " back as " + hosts
                    + (backups.isEmpty() ? "" : "; the new server's version is " + backups.get(0)));
        } catch (IOException e) {
            throw new StepFailed("could not put the inventory back: " + e.getMessage(), null, null);
        }
    }

    private static String read(Path planDir, String name) throws IOException {
        return Files.readString(planDir.resolve(name), StandardCharsets.UTF_8);
    }
}
