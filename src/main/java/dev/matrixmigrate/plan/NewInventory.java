package dev.matrixmigrate.plan;

import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.config.NewServerSettings;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.inventory.HostLine;
import dev.matrixmigrate.inventory.HostsFile;
import dev.matrixmigrate.playbook.PlaybookFacts;

/**
 * The inventory after the migration: the same file with only the migrated host's line changed
 * (address, and user, port and become when given).
 */
public final class NewInventory {
    private NewInventory() {
    }

    /** The host's line in [matrix_servers] as it is; refused when the host is not written there. */
    public static HostLine currentLine(HostsFile hosts, InventoryHost old) {
        HostLine line = hosts.host(PlaybookFacts.SERVERS_GROUP, old.name()).orElseThrow(() -> Failure.invalidInput(
                old.name() + " has no line of its own in [" + PlaybookFacts.SERVERS_GROUP + "] of its inventory,"
                        + " which matrix-migrate rewrites: put it there as `" + old.name() + " ansible_host=...`"));
        String written = unquote(line.value("ansible_host").or(() -> line.value("ansible_ssh_host")).orElse(old.name()));
        if (!written.equals(old.address())) {
            throw Failure.invalidInput("the address of " + old.name() + " is " + old.address()
                    + " but its line in the inventory says " + written
                    + ": it is set elsewhere (host_vars or group_vars); move ansible_host onto the line");
        }
        return line;
    }

    /** The host's line with the new server's connection. */
    public static HostLine movedLine(HostLine line, NewServerSettings to) {
        String addressKey = line.value("ansible_host").isEmpty() && line.value("ansible_ssh_host").isPresent()
                ? "ansible_ssh_host" : "ansible_host";
        HostLine moved = line.with(addressKey, to.address());
        if (to.user().isPresent()) {
            String userKey = line.value("ansible_user").isPresent() ? "ansible_user" : "ansible_ssh_user";
            moved = moved.with(userKey, to.user().get());
        }
        if (to.port().isPresent()) {
            String portKey = line.value("ansible_ssh_port").isPresent() ? "ansible_ssh_port" : "ansible_port";
            moved = to.port().get() == 22 && line.value(portKey).isEmpty() ? moved
                    : moved.with(portKey, to.port().get().toString());
        }
        if (to.become()) {
            moved = moved.with("ansible_become", "true").with("ansible_become_user", "root");
        }
        return moved;
    }

    /**
     * The new server as a host of the migration inventory: its moved line under another name, with
     * every connection setting spelled out, since group variables of [matrix_servers] do not reach it.
     */
    public static HostLine migrationHost(HostLine moved, InventoryHost old, NewServerSettings to, String name) {
        HostLine host = moved.renamed(name).without("ansible_ssh_host").with("ansible_host", to.address());
        String user = to.user().orElse(old.user());
        if (user != null && moved.value("ansible_user").isEmpty() && moved.value("ansible_ssh_user").isEmpty()) {
            host = host.with("ansible_user", user);
        }
        Integer port = to.port().orElse(old.port());
        if (port != null && moved.value("ansible_port").isEmpty() && moved.value("ansible_ssh_port").isEmpty()) {
            host = host.with("ansible_port", port.toString());
        }
        if ((to.become() || old.become()) && moved.value("ansible_become").isEmpty()) {
            host = host.with("ansible_become", "true").with("ansible_become_user", "root");
        }
        return host;
    }

    /** The new server as the inventory will describe it. */
    public static InventoryHost newServer(InventoryHost old, NewServerSettings to) {
        return new InventoryHost(old.name(), to.address(), to.user().orElse(old.user()), to.port().orElse(old.port()),
                to.become() || old.become(), old.privateKey());
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
