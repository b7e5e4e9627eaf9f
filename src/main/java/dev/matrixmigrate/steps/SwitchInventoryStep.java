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

/**
 * Installs the planned inventory.new as the user's inventory (inventory/hosts unless --inventory said otherwise),
 * keeping the current file as a backup. Refuses when it changed since the plan was made, so nobody's edit is lost.
 */
public record SwitchInventoryStep(RunRecord.StepPlan plan, Path hosts, Path planDir) implements PlannedLocalStep {
    @Override
    public void run(StepContext context) throws StepFailed {
        try {
            String current = Files.readString(hosts, StandardCharsets.UTF_8);
            String planned = Files.readString(planDir.resolve(PlanFiles.INVENTORY_NEW), StandardCharsets.UTF_8);
            String old = Files.readString(planDir.resolve(PlanFiles.INVENTORY_OLD), StandardCharsets.UTF_8);
            if (current.equals(planned)) {
                context.out().println(hosts + " already points at the new server");
                return;
            }
            if (!current.equals(old)) {
                throw new StepFailed(hosts + " changed since the plan was made (compare it with "
                        + planDir.resolve(PlanFiles.INVENTORY_OLD) + "): put the plan's inventory.new in place by"
                        + " hand, then resume", null, null);
            }
            List<Path> backups = new FileWriter().apply(List.of(FileChange.of(hosts, planned)));
            context.out().println("installed " + planDir.resolve(PlanFiles.INVENTORY_NEW) + " as " + hosts
                    + (backups.isEmpty() ? "" : "; the previous file is " + backups.get(0)));
        } catch (IOException e) {
            throw new StepFailed("could not switch the inventory: " + e.getMessage(), null, null);
        }
    }
}
