package dev.matrixmigrate.migrate;

import dev.matrixmigrate.events.LiveEvents;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.terminal.Terminal;

/**
 * The `migrate` command's core: a new run, the rest of a recorded run, its rollback, the end of its forwarding, or
 * (with --dry-run) what any of them would run. Each action is a class of its own and holds the playbook folder's run
 * lock while it runs.
 */
public final class Migration {
    private final Terminal terminal;
    private final LiveEvents live;

    /** @param live where the run's events go live besides its events.jsonl (--events) */
    public Migration(Terminal terminal, LiveEvents live) {
        this.terminal = terminal;
        this.live = live;
    }

    public int run(MigrateRequest request) {
        if (request.dryRun()) {
            return describe(request);
        }
        return switch (request.action()) {
            case START -> new NewRun(terminal, live).start(request);
            case RESUME -> new ResumedRun(terminal, live).resume(request);
            case ROLLBACK -> new RollbackRun(terminal, live).rollback(request);
            case STOP_FORWARDING -> new ForwardingEnd(request.run("end the forwarding of"), terminal.out())
                    .run(request, live);
        };
    }

    /** What the request would run, step by step with its commands; runs and writes nothing. */
    public int describe(MigrateRequest request) {
        DryRun dryRun = new DryRun(terminal.out());
        switch (request.action()) {
            case START -> dryRun.newRun(NewRun.plan(NewRun.planner(request), request, NewRun.id(request)));
            case RESUME -> dryRun.rest(request.run("resume"));
            case ROLLBACK -> dryRun.rollback(Rollback.of(request.run("roll back")));
            case STOP_FORWARDING -> dryRun.stopForwarding(new ForwardingEnd(request.run("end the forwarding of"),
                    terminal.out()).record());
        }
        return ExitCode.OK;
    }
}
