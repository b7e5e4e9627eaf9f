package dev.matrixmigrate.engine;

import dev.matrixmigrate.failure.Failure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One run at a time per playbook folder: an OS lock on {@code DIR/.matrix-migrate/lock}, held while the
 * tool works on the folder. The kernel drops it when the process ends in any way (also kill -9), so a
 * crash never leaves a stale lock behind; the file itself only names the holder for the message.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "lock";

    private final FileChannel channel;

    private RunLock(FileChannel channel) {
        this.channel = channel;
    }

    public static Path file(Path playbookDir) {
        return RunFolder.runsDir(playbookDir).getParent().resolve(FILE);
    }

    /** Takes the lock for a run, or refuses (exit 2) naming the run and the process that hold it. */
    public static RunLock take(Path playbookDir, String runId) {
        Path file = file(playbookDir);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw Failure.invalidInput("another matrix-migrate is working on " + playbookDir + " (" + holder
                        + "): one run at a time per playbook folder; wait for it to end, or stop it first");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("run " + runId + ", process " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw Failure.invalidInput("cannot lock " + file + " (" + e.getMessage()
                    + "): the playbook folder must be writable");
        }
    }

    /**
     * The run id another process holds the lock for right now, if any (the lock is taken and let go at once when
     * free). A lock held by this very process counts too.
     */
    public static Optional<String> heldFor(Path playbookDir) {
        Path file = file(playbookDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            String holder = holder(channel);
            return Optional.of(holder.startsWith("run ") ? holder.substring(4).replaceFirst(",.*", "") : holder);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            return null;
        }
    }

    /** What the holder wrote into the file. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(200);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "a run that is starting" : text;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
