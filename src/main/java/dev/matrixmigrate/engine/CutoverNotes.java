package dev.matrixmigrate.engine;

import dev.matrixmigrate.files.SafeYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cutover's final pass noted beside its play (plan/cutover-notes.yml), also when it failed:
 * when the old server's services stopped, and how long the stop, the copy and the verification took; on the
 * dump route also the dump, its sending and its size.
 */
public record CutoverNotes(Optional<Instant> stoppedAt, Map<String, Duration> parts, Optional<Long> dumpBytes) {
    /** Ansible's duration of a command, H:MM:SS.ffffff. */
    private static final Pattern DELTA = Pattern.compile("(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");

    /** @param parts the durations by name, in the order they happen */
    public CutoverNotes {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** The notes in this file; none when it is missing or unreadable (the duration is then the journal's alone). */
    public static CutoverNotes read(Path file) {
        Map<String, Duration> parts = new LinkedHashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return new CutoverNotes(Optional.empty(), parts, Optional.empty());
        }
        try {
            Map<String, Object> noted = SafeYaml.readMapping(file);
            for (String key : List.of("stop", "dump", "dump-send", "final-pass", "database-pass", "verification", "database-verification")) {
                delta(String.valueOf(noted.get(key))).ifPresent(d -> parts.put(key.replace('-', ' '), d));
            }
            return new CutoverNotes(instant(String.valueOf(noted.get("stopped-at"))), parts,
                    noted.get("dump-bytes") instanceof Number bytes ? Optional.of(bytes.longValue()) : Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new CutoverNotes(Optional.empty(), Map.of(), Optional.empty());
        }
    }

    public static Optional<Duration> delta(String text) {
        Matcher m = DELTA.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String fraction = m.group(4) == null ? "0" : (m.group(4) + "000000000").substring(0, 9);
        return Optional.of(Duration.ofHours(Long.parseLong(m.group(1))).plusMinutes(Long.parseLong(m.group(2)))
                .plusSeconds(Long.parseLong(m.group(3))).plusNanos(Long.parseLong(fraction)));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
