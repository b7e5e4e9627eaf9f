package dev.matrixmigrate.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether the old server forwards its public ports to the new one from its stop, and for how long.
 *
 * @param requested --forward (true) or --no-forward (false); empty: on when the migration moves DNS records
 * @param length --forward-for: exactly this long; empty: until caches may hold the old address, plus a margin,
 *        and at least {@link #SHORTEST_DEFAULT}
 */
public record ForwardSettings(Optional<Boolean> requested, Optional<Duration> length) {
    /** The least the forwarding runs unless --forward-for says otherwise. */
    public static final Duration SHORTEST_DEFAULT = Duration.ofHours(1);
    /** Added to the time caches may hold the old address, for resolvers that count from their own fetch. */
    public static final Duration MARGIN = Duration.ofMinutes(15);

    /** Whether it forwards: as asked, or by default when the tool moves the DNS records. */
    public boolean on(boolean movesDns) {
        return requested.orElse(movesDns);
    }
}
