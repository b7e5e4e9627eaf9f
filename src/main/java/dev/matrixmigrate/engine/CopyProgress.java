package dev.matrixmigrate.engine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads rsync's --info=progress2 output as it arrives and shows bytes done and total, rate and ETA:
 * on one updating line in a terminal, or as a plain line every so often otherwise (and in logs).
 */
public final class CopyProgress extends OutputStream {
    private static final Pattern RECORD = Pattern.compile(
            "^\\s*([\\d,]+)\\s+(\\d+)%\\s+(\\S+/s)\\s+(\\d+:\\d{2}:\\d{2}).*");
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

    /** One progress2 record. */
    public record Snapshot(long bytes, int percent, String rate, String time) {
        /** The whole copy's size as rsync estimates it so far, or null before it knows any. */
        public Long totalBytes() {
            return percent > 0 ? bytes * 100 / percent : null;
        }

        public String describe() {
            String total = percent > 0 ? " of ~" + size(bytes * 100 / percent) : "";
            return "copied " + size(bytes) + total + " (" + percent + "%), " + rate + ", ETA " + time;
        }
    }

    private final PrintStream out;
    private final boolean terminal;
    private final java.util.function.Consumer<Snapshot> listener;
    private final StringBuilder pending = new StringBuilder();
    private Instant lastPlain = Instant.EPOCH;
    private Snapshot last;
    private byte[] undecoded = new byte[0];

    public CopyProgress(PrintStream out, boolean terminal) {
        this(out, terminal, snapshot -> { });
    }

    /** @param listener told of every record (the run's events) */
    public CopyProgress(PrintStream out, boolean terminal, java.util.function.Consumer<Snapshot> listener) {
        this.out = out;
        this.terminal = terminal;
        this.listener = listener;
    }

    public static Optional<Snapshot> parse(String record) {
        Matcher m = RECORD.matcher(record);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(Long.parseLong(m.group(1).replace(",", "")), Integer.parseInt(m.group(2)),
                m.group(3), m.group(4)));
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        byte[] joined = new byte[undecoded.length + len];
        System.arraycopy(undecoded, 0, joined, 0, undecoded.length);
        System.arraycopy(b, off, joined, undecoded.length, len);
        int end = joined.length;
        while (end > 0 && (joined[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        if (end > 0 && (joined[end - 1] & 0x80) != 0) {
            end--;
        }
        pending.append(new String(joined, 0, end, StandardCharsets.UTF_8));
        undecoded = java.util.Arrays.copyOfRange(joined, end, joined.length);
        int cut;
        while ((cut = indexOfBreak()) >= 0) {
            String record = pending.substring(0, cut);
            pending.delete(0, cut + 1);
            parse(record).ifPresent(this::show);
        }
    }

    private int indexOfBreak() {
        for (int i = 0; i < pending.length(); i++) {
            char c = pending.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void show(Snapshot snapshot) {
        last = snapshot;
        listener.accept(snapshot);
        if (terminal) {
            out.print("\r" + String.format("%-78s", snapshot.describe()));
            out.flush();
        } else if (snapshot.bytes() > 0 && Duration.between(lastPlain, Instant.now()).compareTo(PLAIN_EVERY) >= 0) {
            lastPlain = Instant.now();
            out.println(snapshot.describe());
        }
    }

    /** Ends the progress display with the last figures on a line of their own. */
    public synchronized void finish() {
        if (last != null) {
            if (terminal) {
                out.println();
            } else {
                out.println(last.describe());
            }
        }
    }

    public static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }
}
