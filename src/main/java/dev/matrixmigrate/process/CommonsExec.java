package dev.matrixmigrate.process;

import dev.matrixmigrate.failure.Failure;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;

/** How a command is handed to commons-exec: its command line, found on the PATH, an executor that keeps the process. */
final class CommonsExec {
    private CommonsExec() {
    }

    @SuppressWarnings("deprecation")
    static DefaultExecutor executor(CommandSpec spec, AtomicReference<Process> started) {
        DefaultExecutor executor = new DefaultExecutor() {
            @Override
            protected Process launch(CommandLine command, Map<String, String> env, File dir) throws IOException {
                Process process = super.launch(command, env, dir);
                started.set(process);
                return process;
            }

            @Override
            protected Process launch(CommandLine command, Map<String, String> env, java.nio.file.Path dir)
                    throws IOException {
                Process process = super.launch(command, env, dir);
                started.set(process);
                return process;
            }
        };
        executor.setWorkingDirectory(spec.workingDir().toFile());
        return executor;
    }

    static CommandLine commandLine(CommandSpec spec) {
        if (!runnable(spec)) {
            throw Failure.whileRunning("could not start " + spec.program() + ": no such program"
                    + (spec.program().contains("/") ? "" : " on the PATH"));
        }
        List<String> argv = ProcessGuard.argv(spec.argv());
        CommandLine line = new CommandLine(argv.get(0));
        for (String arg : argv.subList(1, argv.size())) {
            line.addArgument(arg, false);
        }
        return line;
    }

    private static boolean runnable(CommandSpec spec) {
        String program = spec.program();
        if (program.contains("/")) {
            return Files.isExecutable(spec.workingDir().resolve(program));
        }
        String path = spec.environment().getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
        return java.util.Arrays.stream(path.split(":")).filter(d -> !d.isEmpty())
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    /**
     * The command's output to the sinks; its standard input is the guard's pipe, left open until the
     * command ended (commons-exec would close it at once), so that its end means this process is gone.
     */
    static final class GuardedStreams extends PumpStreamHandler {
        private OutputStream guardPipe;

        GuardedStreams(OutputStream out, OutputStream err) {
            super(out, err, null);
        }

        @Override
        public void setProcessInputStream(OutputStream stdin) {
            guardPipe = stdin;
        }

        @Override
        public void stop() throws IOException {
            if (guardPipe != null) {
                guardPipe.close();
            }
            super.stop();
        }
    }

}
