package dev.matrixmigrate.migrate;

import static dev.matrixmigrate.events.EventLog.fields;

import dev.matrixmigrate.config.MigrationSettings;
import dev.matrixmigrate.events.SecretMask;
import java.util.Map;

/** The run-start event's fields: what the invocation does, with which tool, and a new run's settings. */
final class RunStart {
    private RunStart() {
    }

    static Map<String, Object> of(String action, MigrateRequest request, RunRecord record) {
        Map<String, Object> fields = fields("action", action,
                "version", java.util.Optional.ofNullable(RunStart.class.getPackage().getImplementationVersion())
                        .orElse("development build"),
                "playbook", record.playbookDir().toString(), "inventory", record.inventory() == null ? null
                        : record.inventory().toString(), "host", record.host(), "old", record.oldAddress(),
                "new", record.newAddress(), "summary", record.summary(),
                "steps", (action.equals("rollback") ? record.rollbackSteps() : record.steps()).stream()
                        .map(RunRecord.StepPlan::id).toList(),
                "options", fields("accept-new-host-key", request.options().acceptNewHostKey(),
                        "ask-become-pass", request.options().askBecomePass(), "force", request.options().force(),
                        "rollback-on-failure", request.options().rollbackOnFailure(),
                        "reconnect-for-seconds", request.options().reconnectFor().toSeconds(),
                        "plan", request.reviewedPlan().map(Object::toString).orElse(null)));
        request.settings().ifPresent(settings -> fields.put("settings", settings(settings)));
        return fields;
    }

    /** A new run's settings; secrets travel only as files, whose paths are named, and --extra-vars are masked. */
    private static Map<String, Object> settings(MigrationSettings settings) {
        return fields("to", fields("address", settings.to().address(), "user", settings.to().user().orElse(null),
                        "port", settings.to().port().orElse(null), "become", settings.to().become()),
                "host", settings.host().orElse(null),
                "cold", settings.procedure().cold(), "database", settings.procedure().database().label(),
                "verify-checksum", settings.procedure().verifyChecksum(),
                "install-tags", settings.procedure().installTags(), "start-tags", settings.procedure().startTags(),
                "health-timeout-seconds", settings.procedure().healthTimeout().toSeconds(),
                "ansible", fields("verbosity", settings.ansible().verbosity(),
                        "private-key", path(settings.ansible().privateKey()),
                        "become-password-file", path(settings.ansible().becomePasswordFile()),
                        "vault-password-file", path(settings.ansible().vaultPasswordFile()),
                        "extra-vars", settings.ansible().extraVars().stream().map(SecretMask::extraVars).toList()),
                "dns", fields("provider", settings.dns().provider().label(),
                        "credentials", settings.dns().credentials().map(Object::toString).orElse(null),
                        "max-ttl-seconds", settings.dns().maxTtl().toSeconds(),
                        "accept-ttl", settings.dns().acceptTtl()),
                "forward", settings.forward().requested().orElse(null));
    }

    private static String path(java.nio.file.Path file) {
        return file == null ? null : file.toString();
    }
}
