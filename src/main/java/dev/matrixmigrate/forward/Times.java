package dev.matrixmigrate.forward;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants as the forwarding shows them to people: the date and the time of day in UTC. */
public final class Times {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String clock(Instant instant) {
        return CLOCK.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
