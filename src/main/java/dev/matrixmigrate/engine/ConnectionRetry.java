package dev.matrixmigrate.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a run rides through a lost SSH connection (--reconnect-for): a step whose command failed for a lost
 * connection ({@link LostConnection}) runs again by itself after a wait that doubles from 2 s up to 30 s, as long as
 * the first loss is less than {@code bound} ago; a zero bound turns it off. A task that failed on a server that
 * answered is never retried.
 */
public record ConnectionRetry(Duration bound, String oldAddress, String newAddress) {
    private static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    public static ConnectionRetry off() {
        return new ConnectionRetry(Duration.ZERO, null, null);
    }

    /** The connection a failed attempt's output shows lost, when retrying is on. */
    public Optional<LostConnection> lost(String output) {
        return bound.isZero() ? Optional.empty() : LostConnection.in(output, oldAddress, newAddress);
    }

    /** The wait before retry number {@code retry} (1, 2, ...), or empty once it would end beyond the bound. */
    public Optional<Duration> waitBefore(int retry, Duration sinceFirstLoss) {
        Duration wait = waitFor(retry);
        return sinceFirstLoss.plus(wait).compareTo(bound) > 0 ? Optional.empty() : Optional.of(wait);
    }

    /** How many retries the bound allows at most (fewer when the attempts themselves take time). */
    public int mostRetries() {
        int retries = 0;
        Duration total = Duration.ZERO;
        while (total.plus(waitFor(retries + 1)).compareTo(bound) <= 0) {
            retries++;
            total = total.plus(waitFor(retries));
        }
        return retries;
    }

    private static Duration waitFor(int retry) {
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(retry - 1, 10));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
