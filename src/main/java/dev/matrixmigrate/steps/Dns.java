package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import java.util.List;

/** The records that move pointed at the new server (with --dns-provider), or shown; then their answers awaited. */
public final class Dns extends StepKind {
    public static final Dns KIND = new Dns();

    private Dns() {
        super("dns", runs().explainedBy(PlanFiles.DNS_FAILURE));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        PlannedStep.Builder step = planned("point DNS at the new server", StepInputs.HERE).inDowntime(true)
                .text(text(in, "changes", in.dns().orElse(null), "ttl", in.dns().flatMap(changes -> changes.changes().stream()
                        .map(change -> change.to().ttl()).findFirst()).orElse(0L)));
        if (in.updatesDns()) {
            step.changes("the DNS records that move").runs("dns", in.commands().dnsPlay("new"));
        }
        return step.build();
    }

    @Override
    public List<Play> plays(StepInputs in) {
        return play(in);
    }

    /** The provider's play, which the DNS steps run when the records are changed by the tool. */
    static List<Play> play(StepInputs in) {
        return in.dns().filter(changes -> in.updatesDns()).map(changes -> List.of(new Play(PlanFiles.DNS,
                "plan/dns-" + changes.provider().label() + ".yml.ftl"))).orElse(List.of());
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return DnsStep.of(step, false, false);
    }
}
