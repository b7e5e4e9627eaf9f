package dev.matrixmigrate.steps;

import dev.matrixmigrate.dns.Dig;
import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.dns.DnsCredentials;
import dev.matrixmigrate.dns.MovedRecords;
import dev.matrixmigrate.dns.RecordChange;
import dev.matrixmigrate.engine.CommandStep;
import dev.matrixmigrate.engine.PlannedLocalStep;
import dev.matrixmigrate.engine.RunRecord;
import dev.matrixmigrate.engine.StepContext;
import dev.matrixmigrate.engine.StepFailed;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.PrivateFile;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.Playbook;
import dev.matrixmigrate.process.CommandSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Points the DNS records at a server: the new one in a migration ({@code dns}), the old one again in a
 * rollback ({@code dns-back}). The generated play changes them when a provider does (its secret handed over
 * in a private file for the time of the play); otherwise they are shown for the person to change. Then the
 * zone's authoritative servers are asked, for up to the planned wait: a server still answering another
 * address after it fails the step. Without a survey (no authoritative server could be asked when the plan was
 * made) the local resolver is asked, and only warned about. In check mode ({@code dns-check}) the play only
 * tries the secret.
 */
public record DnsStep(RunRecord.StepPlan plan, List<CommandSpec> commands, Path planDir, DnsStep.Target target,
        boolean checkOnly) implements PlannedLocalStep {
    /** Where the migration points the records, and what the step falls back to without a survey. */
    public record Target(String server, boolean back, List<String> names, String address) {
    }

    private static final Duration POLL = Duration.ofSeconds(2);

    public DnsStep {
        commands = List.copyOf(commands);
    }

    /** A DNS step as its run recorded it: towards the new server, or back ({@code back}); {@code checkOnly}: the secret tried. */
    static DnsStep of(RecordedStep step, boolean back, boolean checkOnly) {
        RunRecord record = step.record();
        Target target = new Target(back ? "the old server" : "the new server", back, List.of(record.host()),
                back ? record.oldAddress() : record.newAddress());
        return new DnsStep(step.plan(), step.commands(), step.run().planDir(), target, checkOnly);
    }

    @Override
    public void run(StepContext context) throws StepFailed {
        Path file = planDir.resolve(PlanFiles.DNS_CHANGES);
        if (!Files.exists(file)) {
            new LocalResolverCheck(target).run(context);
            return;
        }
        DnsChanges changes;
        try {
            changes = DnsChanges.read(file);
        } catch (IOException e) {
            throw new StepFailed(e.getMessage(), null, null);
        }
        if (changes.changes().isEmpty()) {
            context.out().println("No record the zone's server has for the server's names is the old server's.");
            new LocalResolverCheck(target).run(context);
            return;
        }
        if (!commands.isEmpty()) {
            runPlay(context, changes);
            if (checkOnly) {
                context.out().println("The DNS provider accepted an update in each zone with "
                        + changes.provider().credentialsOption() + ".");
                return;
            }
        } else {
            context.out().println("Point these DNS records at " + target.server() + ":");
            changes.changes().forEach(change -> context.out().println("  " + change.name() + ". " + change.type() + " "
                    + describe(change.toward(target.back()))));
        }
        awaitServers(context, changes);
    }

    private void runPlay(StepContext context, DnsChanges changes) throws StepFailed {
        DnsCredentials credentials;
        try {
            credentials = DnsCredentials.read(changes.provider(), changes.credentials().orElseThrow());
        } catch (Failure unfit) {
            throw new StepFailed(unfit.getMessage(), null, null);
        }
        try (PrivateFile secret = credentials.variablesFile()) {
            List<CommandSpec> withSecret = commands.stream().map(c -> c.plus(List.of(Playbook.extraVariable(
                    "@" + secret.path())))).toList();
            CommandStep.plain(id(), title(), withSecret).run(context);
        } catch (IOException e) {
            throw new StepFailed("cannot hand the DNS provider's secret over in a private file: " + e.getMessage(),
                    null, null);
        }
    }

    private void awaitServers(StepContext context, DnsChanges changes) throws StepFailed {
        MovedRecords records = new MovedRecords(new Dig(context.runner(), planDir), changes);
        Duration wait = target.back() ? Duration.ZERO : changes.waitFor();
        Instant deadline = Instant.now().plus(wait);
        String servers = changes.servers().stream().map(Object::toString).collect(Collectors.joining(", "));
        List<String> pending = records.notYet(target.back());
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            context.terminal().print("\rwaiting for the zone's servers (" + servers + "): " + pending.size()
                    + " record sets still answer otherwise, "
                    + Duration.between(Instant.now(), deadline).toSeconds() + " s left ");
            context.terminal().flush();
            sleep();
            pending = records.notYet(target.back());
        }
        if (!wait.isZero()) {
            context.terminal().println();
        }
        if (!pending.isEmpty()) {
            String still = String.join("; ", pending);
            if (!wait.isZero()) {
                throw new StepFailed("after " + wait.toSeconds() + " s the zone's servers still answer another address"
                        + " than " + target.server() + "'s: " + still, null, null);
            }
            context.out().println("warning: the zone's servers (" + servers + ") do not answer " + target.server()
                    + "'s address yet: " + still + ". Clients follow DNS: " + (commands.isEmpty()
                            ? "change the records (and wait for their TTL)" : "a secondary server takes the change"
                            + " when it next transfers the zone (--wait-dns waits for it)") + " before users can reach "
                    + target.server() + "; certificates need it too.");
            return;
        }
        Instant changed = Instant.now();
        long ttl = target.back() ? changes.changes().stream().mapToLong(c -> c.to().ttl()).max().orElse(0)
                : changes.longestTtlBefore();
        if (!target.back()) {
            noteCachesExpire(changed.plusSeconds(ttl));
        }
        context.out().println("Every authoritative server (" + servers + ") answers " + target.server()
                + "'s address for the records that move. Caches may hand out the previous address until "
                + DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC)
                        .format(changed.plusSeconds(ttl).truncatedTo(ChronoUnit.SECONDS))
                + " (the TTL the records had, " + ttl + " s, after the change).");
    }

    /** Until when caches may hand out the old address: how long the forward step keeps forwarding. */
    private void noteCachesExpire(Instant expire) throws StepFailed {
        try {
            Files.writeString(planDir.resolve(PlanFiles.CACHES_EXPIRE), expire + "\n");
        } catch (IOException e) {
            throw new StepFailed("cannot note in the plan folder until when caches may hold the old address: "
                    + e.getMessage(), null, null);
        }
    }

    private static String describe(RecordChange.RecordSet set) {
        return set.values().isEmpty() ? "(remove every record of this type)"
                : String.join(", ", set.values()) + " (TTL " + set.ttl() + ")";
    }

    private static void sleep() throws StepFailed {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted while waiting for DNS", null, null);
        }
    }

    /** Without a survey: the records to change, and what the local resolver answers (a cache: warnings only). */
    private record LocalResolverCheck(Target target) {
        void run(StepContext context) {
            Set<String> expected = resolve(target.address());
            String type = target.address().contains(":") ? "AAAA" : "A";
            context.out().println("Point these DNS records at " + target.server()
                    + " (and any other service names you enabled):");
            for (String name : target.names()) {
                context.out().println("  " + name + ". " + type + " "
                        + (expected.isEmpty() ? target.address() : String.join(", ", expected)));
            }
            List<String> elsewhere = target.names().stream().filter(name -> {
                Set<String> seen = resolve(name);
                return seen.isEmpty() || expected.isEmpty() || !expected.containsAll(seen);
            }).toList();
            if (elsewhere.isEmpty()) {
                context.out().println("The local resolver answers the address of " + target.server() + " for every name.");
            }
            for (String name : elsewhere) {
                Set<String> seen = resolve(name);
                context.out().println("warning: " + name + " resolves to "
                        + (seen.isEmpty() ? "nothing" : String.join(", ", seen))
                        + " here, not to " + target.server() + ": clients follow DNS, so change the record (and"
                        + " wait for its TTL) before users can reach " + target.server() + "; certificates need it too");
            }
        }

        private static Set<String> resolve(String name) {
            try {
                return new TreeSet<>(Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).toList());
            } catch (UnknownHostException e) {
                return Set.of();
            }
        }
    }
}
