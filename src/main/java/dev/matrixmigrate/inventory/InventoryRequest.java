package dev.matrixmigrate.inventory;

import dev.matrixmigrate.config.Homeserver;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.playbook.PlaybookFacts;
import java.nio.file.Path;

/** What the {@code inventory} command was asked to write; valid once constructed. */
public record InventoryRequest(String domain, String address, String user, int port, boolean become,
        Homeserver homeserver, Path playbookDir, boolean force) {

    public InventoryRequest {
        domain = Validate.domain("--domain", domain);
        address = Validate.address("--address", address);
        user = Validate.user("--user", user);
        port = Validate.port("--port", port);
    }

    public String hostName() {
        return PlaybookFacts.hostName(domain);
    }

    public Path hostsPath() {
        return playbookDir.resolve("inventory").resolve("hosts");
    }

    public Path varsPath() {
        return playbookDir.resolve("inventory").resolve("host_vars").resolve(hostName()).resolve("vars.yml");
    }

    /** The inventory line of this server, as the playbook's docs write it. */
    public HostLine hostLine() {
        HostLine line = HostLine.of(hostName()).with("ansible_host", address).with("ansible_ssh_user", user);
        if (port != 22) {
            line = line.with("ansible_port", Integer.toString(port));
        }
        if (become) {
            line = line.with("ansible_become", "true").with("ansible_become_user", "root");
        }
        return line;
    }
}
