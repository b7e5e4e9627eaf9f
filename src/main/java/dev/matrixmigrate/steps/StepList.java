package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.Play;
import dev.matrixmigrate.plan.StepInputs;
import dev.matrixmigrate.plan.StepOrder;
import dev.matrixmigrate.playbook.PlanFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The steps of a migration, in the order they run, each with the condition under which a run has it. By default
 * the copy is warm: a first pass while the old server still serves, the new server installed meanwhile, and inside
 * the downtime only the stop, a short final pass, the verification and the playbook's start. With --cold, one pass
 * after the stop, then the guide's setup-system-user, chown and install-all,start. The same lists give
 * {@code migrate --help} its step lists ({@link #described}). Adding a kind of step is its file and its line here.
 */
public final class StepList implements StepOrder {
    /** The plan's steps in order, and the plays they run. */
    public static final StepOrder ORDER = new StepList();

    /** A step of a list, and when a run has it (its condition, and how help names it; empty: always). */
    private record Entry(StepKind kind, Predicate<StepInputs> when, String whenText) {
        static Entry always(StepKind kind) {
            return new Entry(kind, in -> true, "");
        }

        static Entry when(StepKind kind, String whenText, Predicate<StepInputs> when) {
            return new Entry(kind, when, whenText);
        }

        String described() {
            return whenText.isEmpty() ? kind.id() : kind.id() + " (" + whenText + ")";
        }
    }

    private static final Entry DNS_CHECK = Entry.when(DnsCheck.KIND, "with --dns-provider", StepInputs::updatesDns);
    private static final Entry FORWARD = Entry.when(Forward.KIND, "with --forward", in -> in.forward().isPresent());

    private static final List<Entry> WARM = List.of(Entry.always(Preflight.KIND), DNS_CHECK,
            Entry.always(SyncWarm.KIND), Entry.always(SetupSystemUser.KIND), Entry.always(Chown.KIND),
            Entry.always(Install.KIND),
            Entry.when(Standby.KIND, "on the stream route", in -> in.settings().mayStream()),
            Entry.always(Cutover.KIND), Entry.always(Dns.KIND),
            Entry.always(SwitchInventory.KIND),
            Entry.when(ImportDatabase.KIND, "on the dump route", in -> in.settings().mayImport()),
            Entry.always(Start.KIND), Entry.always(Health.KIND), FORWARD, Entry.always(Cleanup.KIND));

    private static final List<Entry> COLD = List.of(Entry.always(Preflight.KIND), DNS_CHECK,
            Entry.always(Cutover.KIND), Entry.always(Dns.KIND), Entry.always(SwitchInventory.KIND),
            Entry.always(SetupSystemUser.KIND), Entry.always(Chown.KIND), Entry.always(Start.KIND),
            Entry.always(Health.KIND), FORWARD, Entry.always(Cleanup.KIND));

    /**
     * The rollback's steps, planned with the migration so that a person reviews them beforehand and
     * `migrate --rollback` runs them as recorded, whatever inventory/hosts names by then. Once the check allows it,
     * the forwarding ends and the new server stops before the old one starts, so the two never serve at once (the
     * check refusing leaves the forwarding on).
     */
    private static final List<Entry> ROLLBACK = List.of(Entry.always(CheckNew.KIND),
            Entry.when(StopForwarding.KIND, "of a run with --forward", in -> in.forward().isPresent()),
            Entry.always(StopNew.KIND), Entry.always(RestoreInventory.KIND), Entry.always(DnsBack.KIND),
            Entry.always(StartOld.KIND), Entry.always(Cleanup.ROLLBACK_KIND), Entry.always(HealthOld.KIND));

    /** The plays the steps' plays include, and the plugins of the gates and the events: in every plan. */
    private static final List<Play> SHARED = Stream.of(PlanFiles.STOP_UNITS, PlanFiles.RSYNC_PRESENT,
            PlanFiles.KEY_VARS, PlanFiles.NEW_HOME, PlanFiles.REMOVE_KEY, PlanFiles.UNAUTHORIZE_KEY,
            PlanFiles.COUNT_ROWS, PlanFiles.POSTGRES_RUNNING, PlanFiles.PUBLIC_NAMES, PlanFiles.SYNC_DUMP,
            PlanFiles.SYNC_STREAM, PlanFiles.SOURCE_ADDRESS, PlanFiles.PIN_HOST_KEYS,
            PlanFiles.REFUSE, PlanFiles.GATE_PLUGIN, PlanFiles.EVENTS_PLUGIN).map(Play::named).toList();

    private StepList() {
    }

    @Override
    public List<PlannedStep> migration(StepInputs in) {
        return kinds(in.settings().cold() ? COLD : WARM, in).map(kind -> kind.plan(in)).toList();
    }

    @Override
    public List<PlannedStep> rollback(StepInputs in) {
        return kinds(ROLLBACK, in).map(kind -> kind.plan(in)).toList();
    }

    @Override
    public List<Play> plays(StepInputs in) {
        Map<String, Play> plays = new LinkedHashMap<>();
        Stream.concat(kinds(in.settings().cold() ? COLD : WARM, in), kinds(ROLLBACK, in))
                .flatMap(kind -> kind.plays(in).stream()).forEach(play -> plays.putIfAbsent(play.file(), play));
        SHARED.forEach(play -> plays.putIfAbsent(play.file(), play));
        return List.copyOf(plays.values());
    }

    private static Stream<StepKind> kinds(List<Entry> list, StepInputs in) {
        return list.stream().filter(entry -> entry.when().test(in)).map(Entry::kind);
    }

    /** The kind a recorded run names. */
    public static Optional<StepKind> byId(String id) {
        return Stream.of(WARM, COLD, ROLLBACK).flatMap(List::stream).map(Entry::kind)
                .filter(kind -> kind.named(id)).findFirst();
    }

    /** Every kind of step, each once. */
    public static List<StepKind> all() {
        return Stream.of(WARM, COLD, ROLLBACK).flatMap(List::stream).map(Entry::kind).distinct().toList();
    }

    /** A migration's steps as help names them, with their conditions: {@code preflight, dns-check (with ...), ...}. */
    public static String described(boolean cold) {
        return described(cold ? COLD : WARM);
    }

    /** The rollback's steps as help names them. */
    public static String describedRollback() {
        return described(ROLLBACK);
    }

    private static String described(List<Entry> list) {
        return list.stream().map(Entry::described).collect(Collectors.joining(", "));
    }
}
