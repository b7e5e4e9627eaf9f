package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import java.util.List;

/** The rollback's: the records that moved pointed at the old server again, or shown. */
public final class DnsBack extends StepKind {
    public static final DnsBack KIND = new DnsBack();

    private DnsBack() {
        super("dns-back", runs().explainedBy(PlanFiles.DNS_FAILURE));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        PlannedStep.Builder step = planned("point DNS at the old server again", StepInputs.HERE).inDowntime(true)
                .text(text(in));
        if (in.updatesDns()) {
            step.changes("the DNS records that moved").runs("dns", in.commands().dnsPlay("old"));
        }
        return step.build();
    }

    @Override
    public List<Play> plays(StepInputs in) {
        return Dns.play(in);
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return DnsStep.of(step, true, false);
    }
}
