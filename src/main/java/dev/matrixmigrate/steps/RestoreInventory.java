package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;

/** The rollback's: inventory/hosts put back as it was. */
public final class RestoreInventory extends StepKind {
    public static final RestoreInventory KIND = new RestoreInventory();

    private RestoreInventory() {
        super("restore-inventory", runs());
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("point " + in.inventory() + " at the old server again", "the playbook folder")
                .changes(in.inventory()).inDowntime(true)
                .text(text(in))
                .build();
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return new RestoreInventoryStep(step.plan(), step.record().inventory(), step.run().planDir());
    }
}
