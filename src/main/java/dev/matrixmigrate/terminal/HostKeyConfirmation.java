package dev.matrixmigrate.terminal;

import dev.matrixmigrate.ansible.HostKeyCheck;
import dev.matrixmigrate.ansible.InventoryHost;
import dev.matrixmigrate.failure.Failure;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes sure Ansible's connection knows both servers' host keys before anything runs: a changed
 * key is refused, an unknown one is shown by fingerprint and trusted only when the person says so
 * (at the prompt, or with --accept-new-host-key).
 */
public record HostKeyConfirmation(HostKeyCheck check, boolean acceptNew, PrintStream out) {
    public void ensureKnown(InventoryHost server, String role) {
        HostKeyCheck.Result result = check.probe(server);
        if (result == HostKeyCheck.Result.CHANGED) {
            throw Failure.invalidInput("the SSH host key of the " + role + " server " + server.describe()
                    + " is not the one known_hosts has: if it was reinstalled, remove the old key (ssh-keygen -R) and run"
                    + " again; otherwise the connection may be intercepted");
        }
        if (result == HostKeyCheck.Result.KNOWN) {
            return;
        }
        List<String> keys = check.scan(server);
        out.println("The SSH host key of the " + role + " server " + server.describe() + " is not known yet:");
        check.fingerprints(keys).lines().forEach(line -> out.println("  " + line));
        out.println("Compare with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` run on that server.");
        if (!acceptNew) {
            TypedYes.require("Trust this key for " + server.address() + "? Type yes: ",
                    "the SSH host key of the " + role + " server " + server.describe() + " is not known: check its"
                            + " fingerprint (printed above) and run again with --accept-new-host-key, or add it to"
                            + " your known_hosts",
                    "the host key of " + server.describe() + " was not trusted; nothing ran");
        }
        Path file = check.trust(server, keys);
        out.println("Added to " + file + ".");
        if (check.probe(server) != HostKeyCheck.Result.KNOWN) {
            throw Failure.whileRunning("the host key of " + server.describe() + " was added to " + file
                    + " but ssh still does not accept it: check the SSH options of ansible.cfg");
        }
    }
}
