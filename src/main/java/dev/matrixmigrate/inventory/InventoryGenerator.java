package dev.matrixmigrate.inventory;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.FileChange;
import dev.matrixmigrate.playbook.PlaybookFacts;
import dev.matrixmigrate.render.TemplateRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Computes the inventory files for one new server, refusing what would overwrite the user's work. */
public record InventoryGenerator(TemplateRenderer renderer, SecretGenerator secrets) {
    public static final String HOSTS_TEMPLATE = "inventory/hosts.ftl";
    public static final String VARS_TEMPLATE = "inventory/vars.yml.ftl";

    /** The model of the vars.yml template. */
    public record HostVars(String validatedVersion, String domain, String homeserver, String genericSecretKey,
            String postgresPassword) {
    }

    /** The model of the hosts template. */
    public record Hosts(String group, String hostLine) {
    }

    public List<FileChange> changes(InventoryRequest request) {
        List<FileChange> changes = new ArrayList<>();
        changes.add(FileChange.of(request.hostsPath(), hostsContent(request)));
        changes.add(FileChange.secret(request.varsPath(), varsContent(request)));
        return changes;
    }

    private String hostsContent(InventoryRequest request) {
        Path hosts = request.hostsPath();
        if (!Files.exists(hosts)) {
            return renderer.render(HOSTS_TEMPLATE, new Hosts(PlaybookFacts.SERVERS_GROUP, request.hostLine().render()));
        }
        HostsFile existing = HostsFile.parse(read(hosts));
        if (!existing.hasSection(PlaybookFacts.SERVERS_GROUP)) {
            throw Failure.invalidInput(hosts + " has no [" + PlaybookFacts.SERVERS_GROUP
                    + "] section: add the line [" + PlaybookFacts.SERVERS_GROUP + "] to it, or move it away");
        }
        if (existing.host(PlaybookFacts.SERVERS_GROUP, request.hostName()).isPresent() && !request.force()) {
            throw Failure.invalidInput(request.hostName() + " is already in " + hosts
                    + ": use --force to replace its line");
        }
        return existing.withHost(PlaybookFacts.SERVERS_GROUP, request.hostLine()).text();
    }

    private String varsContent(InventoryRequest request) {
        if (Files.exists(request.varsPath()) && !request.force()) {
            throw Failure.invalidInput(request.varsPath() + " already exists: use --force to replace it"
                    + " (the old file is kept as a backup)");
        }
        HostVars vars = new HostVars(PlaybookFacts.VALIDATED_VERSION, request.domain(), request.homeserver().id(),
                secrets.generate(PlaybookFacts.SECRET_LENGTH), secrets.generate(PlaybookFacts.SECRET_LENGTH));
        return renderer.render(VARS_TEMPLATE, vars);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.invalidInput(path + " cannot be read: " + e.getMessage());
        }
    }
}
