package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;

/** inventory/hosts replaced by the new one, with a backup. */
public final class SwitchInventory extends StepKind {
    public static final SwitchInventory KIND = new SwitchInventory();

    private SwitchInventory() {
        super("switch-inventory", runs());
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("point " + in.inventory() + " at the new server", "the playbook folder")
                .changes(in.inventory() + " (kept as a backup)").inDowntime(true)
                .text(text(in))
                .build();
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return new SwitchInventoryStep(step.plan(), step.record().inventory(), step.run().planDir());
    }
}
