package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.ForwardSettings;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.failure.Failure;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Whether the old server forwards clients that still resolve its address to the new server, and how long. */
@OptionGroup("Forwarding")
final class ForwardOptions {
    @Option(names = "--forward", negatable = true, description = "From its stop, the old server forwards its public"
            + " TCP ports to the new one (HAProxy in a transient unit of its own) until DNS caches no longer hold its"
            + " address (default: on when --dns-provider moves the records; --no-forward turns it off).")
    Boolean forward;

    @Option(names = "--forward-for", paramLabel = "DURATION", description = "How long the forwarding runs, as 90m or"
            + " 1h30m, from the old server's stop (default: until caches may hold the old address, plus 15 minutes, and"
            + " at least 1 hour).")
    String forwardFor;

    ForwardSettings settings() {
        if (forwardFor != null && Boolean.FALSE.equals(forward)) {
            throw Failure.invalidInput("--forward-for says how long the forwarding runs and --no-forward turns it off:"
                    + " keep one of them");
        }
        Optional<Duration> length = Optional.ofNullable(forwardFor).map(text -> Validate.duration("--forward-for", text,
                Duration.ofSeconds(10), Duration.ofDays(30)));
        return new ForwardSettings(length.isPresent() ? Optional.of(true) : Optional.ofNullable(forward), length);
    }
}
