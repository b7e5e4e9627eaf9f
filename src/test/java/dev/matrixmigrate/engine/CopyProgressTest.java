package dev.matrixmigrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** rsync --info=progress2 output as it arrives in pieces, shown on one line or as plain lines. */
class CopyProgressTest {
    private static final String STREAM = "\r              0   0%    0.00kB/s    0:00:00 (xfr#0, ir-chk=1000/1001)"
            + "\r    536,870,912  25%   95.20MB/s    0:00:16 (xfr#7000, ir-chk=500/8001)"
            + "\r  2,147,483,648 100%   97.51MB/s    0:00:21 (xfr#30000, to-chk=0/30001)\n"
            + "\nNumber of files: 30,001\n";

    @Test
    void parsesARecord() {
        CopyProgress.Snapshot snapshot = CopyProgress.parse("    536,870,912  25%   95.20MB/s    0:00:16 (xfr#7000)")
                .orElseThrow();
        assertEquals(536_870_912L, snapshot.bytes());
        assertEquals(25, snapshot.percent());
        assertEquals("copied 512.00 MiB of ~2.00 GiB (25%), 95.20MB/s, ETA 0:00:16", snapshot.describe());
        assertTrue(CopyProgress.parse("Number of files: 30,001").isEmpty());
    }

    @Test
    void aTerminalGetsOneUpdatingLineFedInAnyPieces() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        CopyProgress progress = new CopyProgress(new PrintStream(shown, true, StandardCharsets.UTF_8), true);
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 7) {
            progress.write(bytes, i, Math.min(7, bytes.length - i));
        }
        progress.finish();
        String text = shown.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.contains("copied 2.00 GiB of ~2.00 GiB (100%), 97.51MB/s, ETA 0:00:21"), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void withoutATerminalItPrintsPlainLinesAndTheLastFigures() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        CopyProgress progress = new CopyProgress(new PrintStream(shown, true, StandardCharsets.UTF_8), false);
        progress.write(STREAM.getBytes(StandardCharsets.UTF_8), 0, STREAM.length());
        progress.finish();
        String text = shown.toString(StandardCharsets.UTF_8);
        assertTrue(!text.contains("\r"), text);
        assertTrue(text.startsWith("copied 512.00 MiB"), text);
        assertTrue(text.endsWith("copied 2.00 GiB of ~2.00 GiB (100%), 97.51MB/s, ETA 0:00:21\n"), text);
    }
}
