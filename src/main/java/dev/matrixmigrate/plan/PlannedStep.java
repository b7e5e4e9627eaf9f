package dev.matrixmigrate.plan;

import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.steps.StepKind;
import java.util.List;

/**
 * One step as planned: its id (the name in the journal), what it does, on which server, what it changes,
 * whether it runs inside the downtime, a few sentences on it, the external commands it runs by name (none
 * for steps the tool performs itself), and the command that follows the copy's progress (or null).
 */
public record PlannedStep(String id, String title, String target, String changes, boolean inDowntime,
        String explanation, List<NamedCommand> named, CommandSpec progress) {
    public PlannedStep {
        named = List.copyOf(named);
    }

    public List<CommandSpec> commands() {
        return named.stream().map(NamedCommand::spec).toList();
    }

    /** Whether this is that kind of step. */
    public boolean is(StepKind kind) {
        return kind.named(id);
    }

    public static Builder of(StepKind kind, String title, String target) {
        return new Builder(kind.id(), title, target);
    }

    /** A step planned sentence by sentence, its commands in the order they run. */
    public static final class Builder {
        private final String id;
        private final String title;
        private final String target;
        private String changes = "nothing";
        private boolean inDowntime;
        private final StringBuilder text = new StringBuilder();
        private final java.util.ArrayList<NamedCommand> named = new java.util.ArrayList<>();
        private CommandSpec progress;
        private boolean listed;

        private Builder(String id, String title, String target) {
            this.id = id;
            this.title = title;
            this.target = target;
        }

        /** What the step changes, for the table at the top of steps.md. */
        public Builder changes(String what) {
            this.changes = what;
            return this;
        }

        public Builder inDowntime(boolean inside) {
            this.inDowntime = inside;
            return this;
        }

        /** One more short sentence about the step. */
        public Builder says(String sentence) {
            text.append(text.isEmpty() ? "" : listed ? "\n\n" : " ").append(sentence);
            listed = false;
            return this;
        }

        /** One item of a checklist about the step (after the sentence that introduces it). */
        public Builder item(String item) {
            text.append(text.isEmpty() ? "" : listed ? "\n" : "\n\n").append("- ").append(item);
            listed = true;
            return this;
        }

        public Builder runs(String name, CommandSpec command) {
            named.add(new NamedCommand(name, command));
            return this;
        }

        public Builder progress(CommandSpec command) {
            this.progress = command;
            return this;
        }

        public PlannedStep build() {
            return new PlannedStep(id, title, target, changes, inDowntime, text.toString(), named, progress);
        }
    }
}
