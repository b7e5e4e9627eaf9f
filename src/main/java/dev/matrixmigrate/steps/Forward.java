package dev.matrixmigrate.steps;

import dev.matrixmigrate.config.ForwardSettings;
import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.forward.ForwardPlan;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;

/** The old server forwards what still reaches it to the new one until caches no longer hold its address. */
public final class Forward extends StepKind {
    public static final Forward KIND = new Forward();

    private Forward() {
        super("forward", runs().plays(PlanFiles.FORWARD));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        ForwardPlan forward = in.forward().orElseThrow();
        return planned("forward what still reaches the old server to the new one", in.oldTarget() + " -> "
                        + in.newTarget())
                .changes("a transient unit " + ForwardPlan.UNIT + " on old, ending by itself")
                .text(text(in, "forward", forward,
                        "lengthSeconds", forward.settings().length().map(length -> length.toSeconds()).orElse(null),
                        "changes", in.dns().filter(DnsChanges::updates).orElse(null),
                        "margin", ForwardSettings.MARGIN.toMinutes(),
                        "shortest", ForwardSettings.SHORTEST_DEFAULT.toMinutes(),
                        "plainPorts", forward.ports().stream().filter(port -> !port.proxyProtocol())
                                .map(port -> port.port() + "").toList()))
                .runs("forward", in.commands().heldUntilOldStopped(in.commands().hostPlayOnOld(PlanFiles.FORWARD)))
                .build();
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return new ForwardStep(step.plan(), step.commands().get(0), step.run().planDir(), step.record().oldAddress(),
                step.forward());
    }
}
