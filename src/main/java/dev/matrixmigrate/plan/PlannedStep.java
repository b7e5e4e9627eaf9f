package dev.matrixmigrate.plan;

import dev.matrixmigrate.process.CommandSpec;
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

    public static Builder of(String id, String title, String target) {
        return new Builder(id, title, target);
    }

    /** A step planned sentence by sentence, its commands in the order they run. */
    public static final class Builder {
        private final String id;
        private final String title;
        private final String target;
        private String changes = "nothing";
        private boolean inDowntime;
        private String text = "";
        private final java.util.ArrayList<NamedCommand> named = new java.util.ArrayList<>();
        private CommandSpec progress;

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

        /** What steps.md says of the step, in paragraphs and lists. */
        public Builder text(String prose) {
            this.text = prose;
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
            return new PlannedStep(id, title, target, changes, inDowntime, text, named, progress);
        }
    }
}
