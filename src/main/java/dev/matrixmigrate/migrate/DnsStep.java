package dev.matrixmigrate.migrate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shows the DNS records to point at a server (the new one in a migration, the old one again in a
 * rollback) and checks what the local resolver answers, warning (never failing) while they still point
 * elsewhere; optionally polls for a while.
 */
public final class DnsStep extends PlannedLocalStep {
    private static final Duration POLL = Duration.ofSeconds(5);
    private final List<String> names;
    private final String address;
    private final String server;
    private final Duration wait;

    /** @param server which server the records must point at, as the messages name it ("the new server") */
    public DnsStep(RunRecord.StepPlan plan, List<String> names, String address, String server, Duration wait) {
        super(plan);
        this.names = List.copyOf(names);
        this.address = address;
        this.server = server;
        this.wait = wait;
    }

    @Override
    public void run(StepContext context) {
        Set<String> expected = resolve(address);
        String type = address.contains(":") ? "AAAA" : "A";
        context.out().println("Point these DNS records at " + server + " (and any other service names you enabled):");
        for (String name : names) {
            context.out().println("  " + name + ". " + type + " " + (expected.isEmpty() ? address : String.join(", ", expected)));
        }
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            List<String> pending = names.stream().filter(name -> !points(name, expected)).toList();
            if (pending.isEmpty()) {
                context.out().println("The local resolver answers the address of " + server + " for every name.");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                for (String name : pending) {
                    Set<String> seen = resolve(name);
                    context.out().println("warning: " + name + " resolves to "
                            + (seen.isEmpty() ? "nothing" : String.join(", ", seen))
                            + " here, not to " + server + ": clients follow DNS, so change the record (and wait for its"
                            + " TTL) before users can reach " + server + "; certificates need it too");
                }
                return;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean points(String name, Set<String> expected) {
        Set<String> seen = resolve(name);
        return !seen.isEmpty() && !expected.isEmpty() && expected.containsAll(seen);
    }

    private static Set<String> resolve(String name) {
        try {
            return new TreeSet<>(Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).toList());
        } catch (UnknownHostException e) {
            return Set.of();
        }
    }
}
