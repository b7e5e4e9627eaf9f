package dev.matrixmigrate.forward;

import dev.matrixmigrate.config.ForwardSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the forwarding that starts now ends: after --forward-for when given; otherwise when caches may no longer
 * hold the old address (what the dns step noted) plus a margin, and at least an hour from now.
 *
 * @param warning set when --forward-for ends it before caches may have let go of the old address
 */
public record ForwardSchedule(Instant until, Optional<String> warning) {
    public static ForwardSchedule of(Optional<Duration> length, Optional<Instant> cachesExpire, Instant now) {
        if (length.isPresent()) {
            Instant until = now.plus(length.get());
            Optional<String> warning = cachesExpire.filter(until::isBefore).map(expire -> "--forward-for ends the"
                    + " forwarding at " + Times.clock(until) + ", before caches may let go of the old address ("
                    + Times.clock(expire) + "): clients still holding it then find nothing");
            return new ForwardSchedule(until, warning);
        }
        Instant shortest = now.plus(ForwardSettings.SHORTEST_DEFAULT);
        Instant until = cachesExpire.map(expire -> expire.plus(ForwardSettings.MARGIN)).filter(shortest::isBefore)
                .orElse(shortest);
        return new ForwardSchedule(until, Optional.empty());
    }

}
