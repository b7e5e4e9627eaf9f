package dev.matrixmigrate.steps;

import dev.matrixmigrate.plan.PlannedStep;
import dev.matrixmigrate.plan.StepInputs;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The steps of a migration, in the order they run, each with the condition under which a run has it. By default
 * the copy is warm: a first pass while the old server still serves, the new server installed meanwhile, and inside
 * the downtime only the stop, a short final pass, the verification and the playbook's start. With --cold, one pass
 * after the stop, then the guide's setup-system-user, chown and install-all,start. The same lists give
 * {@code migrate --help} its step lists ({@link #described}).
 */
public final class StepList {
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

    private static final Entry DNS_CHECK = Entry.when(StepKind.DNS_CHECK, "with --dns-provider",
            StepInputs::updatesDns);
    private static final Entry FORWARD = Entry.when(StepKind.FORWARD, "with --forward", in -> in.forward().isPresent());

    private static final List<Entry> WARM = List.of(Entry.always(StepKind.PREFLIGHT), DNS_CHECK,
            Entry.always(StepKind.SYNC_WARM), Entry.always(StepKind.SETUP_SYSTEM_USER), Entry.always(StepKind.CHOWN),
            Entry.always(StepKind.INSTALL), Entry.always(StepKind.CUTOVER), Entry.always(StepKind.DNS),
            Entry.always(StepKind.SWITCH_INVENTORY),
            Entry.when(StepKind.IMPORT_DATABASE, "on the dump route", in -> in.settings().mayImport()),
            Entry.always(StepKind.START), Entry.always(StepKind.HEALTH), FORWARD, Entry.always(StepKind.CLEANUP));

    private static final List<Entry> COLD = List.of(Entry.always(StepKind.PREFLIGHT), DNS_CHECK,
            Entry.always(StepKind.CUTOVER), Entry.always(StepKind.DNS), Entry.always(StepKind.SWITCH_INVENTORY),
            Entry.always(StepKind.SETUP_SYSTEM_USER), Entry.always(StepKind.CHOWN), Entry.always(StepKind.START),
            Entry.always(StepKind.HEALTH), FORWARD, Entry.always(StepKind.CLEANUP));

    /**
     * The rollback's steps: once the check allows it, the forwarding ends and the new server stops before the old one
     * starts, so the two never serve at once (the check refusing leaves the forwarding on).
     */
    private static final List<Entry> ROLLBACK = List.of(Entry.always(StepKind.CHECK_NEW),
            Entry.when(StepKind.STOP_FORWARDING, "of a run with --forward", in -> in.forward().isPresent()),
            Entry.always(StepKind.STOP_NEW), Entry.always(StepKind.RESTORE_INVENTORY), Entry.always(StepKind.DNS_BACK),
            Entry.always(StepKind.START_OLD), Entry.always(StepKind.REMOVE_KEY), Entry.always(StepKind.HEALTH_OLD));

    private StepList() {
    }

    public static List<StepKind> order(StepInputs in) {
        return of(in.settings().cold() ? COLD : WARM, in);
    }

    public static List<PlannedStep> planned(StepInputs in) {
        return order(in).stream().map(step -> step.plan(in)).toList();
    }

    public static List<PlannedStep> rollback(StepInputs in) {
        return of(ROLLBACK, in).stream().map(step -> step.plan(in)).toList();
    }

    private static List<StepKind> of(List<Entry> list, StepInputs in) {
        return list.stream().filter(entry -> entry.when().test(in)).map(Entry::kind).toList();
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
