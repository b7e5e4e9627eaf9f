package dev.matrixmigrate.plan;

import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.config.ProcedureSettings;
import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.facts.PlaybookValues;
import dev.matrixmigrate.forward.ForwardPlan;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.Playbook;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.render.Prose;
import dev.matrixmigrate.render.TemplateRenderer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What planning a step needs.
 *
 * @param forward what the old server forwards to the new one once it answers (empty: it does not)
 * @param dumpFile where the dump route's dump lies on both servers
 * @param progress the command that follows a copy pass's progress on the old server, by pass
 * @param renderer renders the steps' texts
 */
public record StepInputs(ProcedureSettings settings, PlaybookValues values, PlaybookCommands commands, InventoryHost old,
        InventoryHost newServer, Optional<DnsChanges> dns, Optional<ForwardPlan> forward, String dumpFile,
        Function<String, CommandSpec> progress, TemplateRenderer renderer) {
    /** Where the tool itself works (DNS, the inventory). */
    public static final String HERE = "this machine";

    /** The user's inventory as the commands name it. */
    public String inventory() {
        return commands.inventory();
    }

    public String data() {
        return values.dataPath();
    }

    /** The servers are named by role: the plan's header and the run's summary give their addresses. */
    public String oldTarget() {
        return "old server";
    }

    public String newTarget() {
        return "new server";
    }

    public String both() {
        return "old and new server";
    }

    public boolean updatesDns() {
        return dns.map(DnsChanges::updates).orElse(false);
    }

    /**
     * A playbook run on the new server that installs or starts it: when the old server will forward with PROXY
     * headers, its Traefik is told to trust them from the old server.
     */
    public CommandSpec trustingForwarder(CommandSpec run) {
        return forward.filter(ForwardPlan::proxyProtocol).map(plan -> run.plus(java.util.List.of(
                Playbook.extraVariable("@" + planFile(PlanFiles.TRAEFIK_TRUST))))).orElse(run);
    }

    public String planFile(String name) {
        return commands.planFile(name);
    }

    /**
     * A step's text: the template fragment, which sees these inputs as {@code inputs} and the values named (name,
     * value, name, value...), its wrapped lines made one line a paragraph or list item.
     */
    public String text(String template, Object... namedValues) {
        Map<String, Object> model = new HashMap<>();
        model.put("inputs", this);
        for (int i = 0; i < namedValues.length; i += 2) {
            model.put((String) namedValues[i], namedValues[i + 1]);
        }
        return Prose.unwrap(renderer.render(template, model));
    }
}
