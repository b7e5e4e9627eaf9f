package dev.matrixmigrate.forward;

import dev.matrixmigrate.playbook.PlanFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where a run's forwarding stands, from what its plan folder noted: until when the forwarder runs (the forward
 * step), and when it was ended early (migrate --stop-forwarding, or a rollback).
 */
public record ForwardingState(Instant until, Optional<Instant> stopped) {
    /** The run's forwarding, when its forward step started one. */
    public static Optional<ForwardingState> of(Path planDir) {
        return instant(planDir.resolve(PlanFiles.FORWARDING_UNTIL)).map(until -> new ForwardingState(until,
                instant(planDir.resolve(PlanFiles.FORWARDING_STOPPED))));
    }

    /**
     * Notes when the forwarder will end by itself, to the second, before it starts: the forwarding's play reads it
     * (its unit's RuntimeMaxSec counts to it), and status shows it.
     */
    public static void started(Path planDir, Instant until) throws IOException {
        Files.deleteIfExists(planDir.resolve(PlanFiles.FORWARDING_STOPPED));
        Files.writeString(planDir.resolve(PlanFiles.FORWARDING_UNTIL), until.truncatedTo(ChronoUnit.SECONDS) + "\n",
                StandardCharsets.UTF_8);
    }

    /** Notes that the forwarder was ended early. */
    public static void ended(Path planDir, Instant at) throws IOException {
        if (Files.exists(planDir.resolve(PlanFiles.FORWARDING_UNTIL))) {
            Files.writeString(planDir.resolve(PlanFiles.FORWARDING_STOPPED), at + "\n", StandardCharsets.UTF_8);
        }
    }

    public boolean running(Instant now) {
        return stopped.isEmpty() && now.isBefore(until);
    }

    /**
     * For status: "forwards until ...", "ended at ... (its time ran out)" or "ended early at ..."; {@code confirmed}:
     * the forward step completed (otherwise its run may have stopped before the forwarder started).
     */
    public String describe(Instant now, boolean confirmed) {
        if (stopped.isPresent() && stopped.get().isBefore(until)) {
            return "ended early at " + Times.clock(stopped.get());
        }
        if (!now.isBefore(until)) {
            return "ended at " + Times.clock(until) + " (its time ran out)";
        }
        return (confirmed ? "forwards" : "may forward (its step did not complete)") + " to the new server until "
                + Times.clock(until);
    }

    /** An instant a plan file notes (ISO-8601), empty when it is missing or unreadable. */
    public static Optional<Instant> instant(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
