package dev.matrixmigrate.migrate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What a step prints: to the terminal, and appended to the step's log. The terminal stays open. */
final class TeeToLog extends OutputStream {
    private final PrintStream terminal;
    private final OutputStream log;

    TeeToLog(PrintStream terminal, Path logFile) throws IOException {
        this.terminal = terminal;
        this.log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public void write(int b) throws IOException {
        terminal.write(b);
        log.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        terminal.write(b, off, len);
        log.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        terminal.flush();
        log.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        log.close();
    }
}
