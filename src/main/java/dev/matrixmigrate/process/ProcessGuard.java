package dev.matrixmigrate.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command so that it, and everything it starts, ends with this process, however this process
 * ends (kill -9, the OOM killer, a closed terminal): a small sh guard starts the command in a process
 * group of its own and holds standard input, a pipe whose other end only this process holds. End of
 * file on it means this process is gone: the guard then ends the command's whole group, TERM first,
 * KILL five seconds later. Ctrl-C and TERM reach the guard and are passed on to the group; when the
 * command ends, what it left behind in its group ends too. The command itself reads no input.
 * The watcher holds none of the command's output (whoever reads it would wait for the watcher) and is
 * ended with KILL: a TERM that reaches a just-forked sh subshell before it resets its traps is lost.
 */
final class ProcessGuard {
    /** sh's $0 for the guard, so that it can be told apart in a process list. */
    static final String NAME = "matrix-migrate-guard";

    private static final String SCRIPT = """
            exec 3<&0 </dev/null
            setsid "$@" &
            child=$!
            signal() { kill -s "$1" -- "-$child" 2>/dev/null || kill -s "$1" "$child" 2>/dev/null; }
            trap 'signal INT' INT
            trap 'signal TERM' TERM HUP
            ( trap - INT TERM HUP; while read -r _ <&3; do :; done; signal TERM; sleep 5; signal KILL ) >/dev/null 2>&1 &
            watcher=$!
            exec 3<&-
            while :; do
                wait "$child"; status=$?
                kill -0 "$child" 2>/dev/null || break
            done
            kill -s KILL "$watcher" 2>/dev/null
            kill -s TERM -- "-$child" 2>/dev/null
            exit "$status"
            """;

    private ProcessGuard() {
    }

    static List<String> argv(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, NAME));
        argv.addAll(command);
        return argv;
    }
}
