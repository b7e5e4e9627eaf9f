package dev.matrixmigrate.steps;

import dev.matrixmigrate.engine.Step;
import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.PlayVariable;
import java.util.List;

/** The DNS provider's secret tried in each zone, before the old server stops. */
public final class DnsCheck extends StepKind {
    public static final DnsCheck KIND = new DnsCheck();

    private DnsCheck() {
        super("dns-check", runs().explainedBy(PlanFiles.DNS_FAILURE));
    }

    @Override
    public PlannedStep plan(StepInputs in) {
        return planned("try the DNS provider's secret", StepInputs.HERE)
                .changes("a TXT record, added and removed")
                .text(text(in, "changes", in.dns().orElseThrow()))
                .runs("probe", in.commands().dnsPlay("new").plus(List.of(PlayVariable.DNS_PROBE.argument(true))))
                .build();
    }

    @Override
    public List<Play> plays(StepInputs in) {
        return Dns.play(in);
    }

    @Override
    protected Step runtime(RecordedStep step) {
        return DnsStep.of(step, false, true);
    }
}
