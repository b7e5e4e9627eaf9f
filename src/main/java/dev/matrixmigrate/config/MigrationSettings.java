package dev.matrixmigrate.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The validated settings of plan and migrate: where the playbook and its inventory are, which host moves (empty: the
 * only one of the inventory), where to, how, what goes to Ansible, how DNS is checked, and whether the old
 * server forwards to the new one afterwards.
 */
public record MigrationSettings(Path playbookDir, Path inventory, Optional<String> host, NewServerSettings to,
        ProcedureSettings procedure, Optional<Path> output, Optional<Path> templates, AnsibleOptions ansible,
        DnsSettings dns, ForwardSettings forward) {
}
