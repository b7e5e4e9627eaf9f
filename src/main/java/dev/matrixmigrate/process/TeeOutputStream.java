package dev.matrixmigrate.process;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes to a file's stream and to the terminal at once. Closing it closes the file's stream and
 * only flushes the terminal, which stays open for the rest of the run.
 */
public final class TeeOutputStream extends OutputStream {
    private final OutputStream file;
    private final OutputStream terminal;

    public TeeOutputStream(OutputStream file, OutputStream terminal) {
        this.file = file;
        this.terminal = terminal;
    }

    @Override
    public void write(int b) throws IOException {
        file.write(b);
        terminal.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
        terminal.write(b, off, len);
        terminal.flush();
    }

    @Override
    public void flush() throws IOException {
        file.flush();
        terminal.flush();
    }

    @Override
    public void close() throws IOException {
        file.close();
        terminal.flush();
    }
}
