package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlanBuilder;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlayVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A pass of the copy's play: the warm one while the old server serves, or the final one in the downtime. */
enum CopyPass {
    WARM, FINAL;

    /** rsync's options, as the steps' texts name them. */
    static final String RSYNC = String.join(" ", PlanBuilder.RSYNC_OPTIONS);

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The play's variables for this pass; {@code owner}, when given, owns what the pass copies on new. */
    String[] variables(StepInputs in, String owner) {
        List<String> variables = new ArrayList<>(List.of(PlayVariable.PASS.is(label())));
        if (owner != null) {
            variables.add(PlayVariable.OWNER.is(owner));
        }
        if (this == FINAL) {
            variables.add(PlayVariable.KEEP_KEY.is(true));
            if (in.settings().verifyChecksum()) {
                variables.add(PlayVariable.CHECKSUM.is(true));
            }
        }
        return variables.toArray(String[]::new);
    }
}
