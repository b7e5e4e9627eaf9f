package dev.matrixmigrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.matrixmigrate.facts.PlaybookValues;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.RemotePaths;
import dev.matrixmigrate.render.TemplateRenderer;
import dev.matrixmigrate.support.Fixtures;
import dev.matrixmigrate.support.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the install wrote, as list-installed.yml finds it with the real ansible-playbook on this machine: the files
 * changed since the install began, and never one under Postgres's data folder, whatever wrote there (the final pass
 * must make that folder the old server's again, so nothing in it may be left out as the install's).
 */
class InstalledListTest {
    @TempDir
    Path dir;

    @Test
    void filesTheInstallWroteAreListedButNothingUnderPostgressDataFolder() throws Exception {
        Path data = dir.resolve("data");
        Path postgres = data.resolve("postgres/data");
        Files.createDirectories(postgres.resolve("base/16384"));
        Files.createDirectories(data.resolve("synapse/config"));
        Files.writeString(data.resolve("synapse/config/homeserver.yaml"), "copied\n");
        Files.writeString(postgres.resolve("base/16384/2619"), "copied\n");
        Thread.sleep(50);
        Path plan = dir.resolve("plan");
        Files.createDirectories(plan);
        Files.writeString(plan.resolve(PlanFiles.INSTALL_STARTED_AT),
                Programs.ok(dir, "date", "+%s.%N").strip() + "\n");
        Thread.sleep(50);
        // what an install writes: configuration rendered for the new server, and what a Postgres it started writes
        Files.writeString(data.resolve("synapse/config/host.env"), "rendered for new\n");
        Files.writeString(postgres.resolve("base/16384/2619"), "recovered\n");
        Files.writeString(postgres.resolve("postmaster.pid"), "42\n");
        Files.createDirectories(postgres.resolve("pg_wal"));
        Files.writeString(postgres.resolve("pg_wal/000000010000000000000002"), "new wal\n");

        PlaybookValues values = new PlaybookValues("matrix.example.com", Fixtures.requiredPlaybookValues());
        Files.writeString(plan.resolve(PlanFiles.PLAYBOOK_VALUES), values.yaml());
        Files.writeString(plan.resolve(PlanFiles.DATABASE_ROUTE), "route: copy\nunit: matrix-postgres.service\n");
        Files.writeString(plan.resolve(PlanFiles.LIST_INSTALLED), TemplateRenderer.builtIn().sharing("files", PlanFiles.class)
                .render("plan/" + PlanFiles.LIST_INSTALLED + ".ftl", new PlanBuilder.PlayModel("matrix.example.com",
                        values, PlanBuilder.OLD_GROUP, PlanBuilder.NEW_GROUP, "matrix_servers", false, "RUNID",
                        PlanBuilder.RSYNC_OPTIONS, PlanBuilder.SSH_OPTIONS,
                        RemotePaths.runDir("RUNID"), "auto", "auto", false)));
        Files.writeString(plan.resolve("hosts"), "[matrix_servers]\nmatrix.example.com ansible_connection=local\n");

        Programs.ok(plan, "ansible-playbook", "-i", "hosts", PlanFiles.LIST_INSTALLED,
                "--extra-vars=matrix_migrate_data_path=" + data, "--extra-vars=matrix_migrate_postgres_data_path=" + postgres,
                "--extra-vars=ansible_python_interpreter=/usr/bin/python3",
                // no unit of this machine is looked at, let alone stopped
                "--extra-vars=matrix_migrate_units_folder=" + Files.createDirectories(dir.resolve("no-units")),
                "--extra-vars={\"postgres_enabled\": false}");

        assertEquals("/synapse/config/host.env\n", Files.readString(plan.resolve(PlanFiles.INSTALLED_ON_NEW)));
    }
}
