package dev.matrixmigrate.ansible;

import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.process.CommandSpec;
import dev.matrixmigrate.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Before anything runs: the ansible-playbook the tool will run is new enough for the playbook's roles and
 * for the tool's own plays, the roles the playbook's requirements.yml names are installed, and a
 * --private-key with a passphrase is in the ssh-agent.
 */
public final class AnsibleReadiness {
    /** The oldest ansible-core the tool's own plays are tested with (Debian 12's). */
    public static final AnsibleVersion TOOL_FLOOR = new AnsibleVersion(2, 14, 0);
    private static final String HOW_TO_GET_ONE = "install a newer one (pipx install ansible, or pip install"
            + " ansible in a virtual environment), or run the playbook's container image ghcr.io/devture/ansible"
            + " through a wrapper script given as --ansible-playbook";

    private AnsibleReadiness() {
    }

    /** @param privateKey --private-key, or null */
    public static void require(ProcessRunner runner, AnsibleTools tools, Path playbookDir, Path privateKey) {
        PlaybookRoles roles = new PlaybookRoles(playbookDir);
        List<String> missing;
        try {
            missing = roles.missingRequirements();
        } catch (IOException | RuntimeException e) {
            throw Failure.invalidInput(playbookDir.resolve("requirements.yml") + " cannot be read (" + e.getMessage()
                    + "): fix it, then run `just roles` (or ansible-galaxy install -r requirements.yml -p roles/galaxy/"
                    + " --force)");
        }
        if (!missing.isEmpty()) {
            throw Failure.invalidInput("the roles of requirements.yml are not all installed under roles/galaxy ("
                    + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                    + (missing.size() > 3 ? " and " + (missing.size() - 3) + " more" : "") + "): run `just roles`"
                    + " (or ansible-galaxy install -r requirements.yml -p roles/galaxy/ --force) in " + playbookDir
                    + " first");
        }
        String output = runner.capture(CommandSpec.of(playbookDir, List.of(tools.playbook(), "--version")));
        AnsibleVersion found = AnsibleVersion.reported(output).orElseThrow(() -> Failure.invalidInput(tools.playbook()
                + " --version does not name an ansible-core version (it said: " + output.lines().findFirst().orElse("")
                + "): give the ansible-playbook of an Ansible installation with --ansible-playbook"));
        PlaybookRoles.Need need = roles.highestNeed().filter(n -> n.version().compareTo(TOOL_FLOOR) > 0)
                .orElse(new PlaybookRoles.Need(null, TOOL_FLOOR));
        if (found.compareTo(need.version()) < 0) {
            throw Failure.invalidInput(tools.playbook() + " is ansible-core " + found + ", older than the "
                    + need.version() + " that " + (need.role() == null ? "matrix-migrate's plays need"
                    : "the playbook's role " + need.role() + " needs (min_ansible_version in its meta/main.yml)")
                    + ": " + HOW_TO_GET_ONE);
        }
        if (privateKey != null) {
            PrivateKeyCheck.require(runner, privateKey, playbookDir);
        }
    }
}
