package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.Homeserver;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.failure.ExitCode;
import dev.matrixmigrate.files.FileChange;
import dev.matrixmigrate.files.FileWriter;
import dev.matrixmigrate.inventory.InventoryGenerator;
import dev.matrixmigrate.inventory.InventoryRequest;
import dev.matrixmigrate.inventory.SecretGenerator;
import dev.matrixmigrate.render.TemplateRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"Writes inventory/hosts and inventory/host_vars/matrix.<domain>/vars.yml for"
                + " matrix-docker-ansible-deploy.",
                "An existing hosts file keeps every other line; an existing vars.yml is never overwritten"
                        + " without --force (and then kept as a backup)."},
        footerHeading = "%nExamples, in a new playbook checkout (or with --playbook DIR):%n",
        footer = {"  matrix-migrate inventory --domain example.com --address 198.51.100.20 --print   show it first",
                "  matrix-migrate inventory --domain example.com --address 198.51.100.20"})
final class InventoryCommand implements Callable<Integer> {
    @Option(names = "--domain", required = true, description = "Base domain, e.g. example.com (not matrix.example.com).")
    String domain;

    @Option(names = "--address", required = true, description = "IP address or DNS name of the server.")
    String address;

    @Option(names = "--user", defaultValue = "root", description = "SSH user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--port", defaultValue = "22", description = "SSH port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--become", description = "The SSH user is not root: become root with sudo.")
    boolean become;

    @Option(names = "--homeserver", defaultValue = "synapse",
            description = "synapse, dendrite, conduit, continuwuity or tuwunel (default: ${DEFAULT-VALUE}).")
    String homeserver;

    @Option(names = "--playbook", defaultValue = ".", paramLabel = "DIR",
            description = "The matrix-docker-ansible-deploy checkout (default: the current directory).")
    Path playbook;

    @Option(names = "--templates", paramLabel = "DIR", description = "A folder whose templates override the built-in ones.")
    Path templates;

    @Option(names = "--force", description = "Replace the host's line and its vars.yml (the old vars.yml is kept as a backup).")
    boolean force;

    @Option(names = "--print", description = "Print what would be written (secrets masked) and write nothing.")
    boolean print;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        InventoryRequest request = new InventoryRequest(domain, address, user, port, become, Homeserver.parse(homeserver),
                Validate.playbookDir(playbook.toString()), force);
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        if (domain.startsWith("matrix.")) {
            err.println("warning: --domain " + domain + " starts with 'matrix.': the base domain is usually without it"
                    + " (the server becomes " + request.hostName() + ")");
        }
        TemplateRenderer renderer = new TemplateRenderer(templates);
        if (print) {
            SecretGenerator masked = length -> "<" + length + " random characters, made when written>";
            for (FileChange change : new InventoryGenerator(renderer, masked).changes(request)) {
                out.println("--- " + change.path() + (change.secret() ? " (mode 0600)" : ""));
                out.print(change.content());
            }
            out.flush();
            return ExitCode.OK;
        }
        List<FileChange> changes = new InventoryGenerator(renderer, SecretGenerator.secureRandom()).changes(request);
        List<Path> backups = new FileWriter().apply(changes);
        for (FileChange change : changes) {
            out.println("wrote " + change.path());
        }
        for (Path backup : backups) {
            out.println("kept the previous file as " + backup);
        }
        return ExitCode.OK;
    }
}
