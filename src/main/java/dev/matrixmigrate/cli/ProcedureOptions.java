package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.DatabaseRoute;
import dev.matrixmigrate.config.ProcedureSettings;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.playbook.Playbook;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How the migration runs. */
@OptionGroup("Procedure")
final class ProcedureOptions {
    @Option(names = "--data-path", paramLabel = "PATH", description = "Only confirms the data path: refused when it"
            + " is not the playbook's matrix_base_data_path for the host, which is what is copied.")
    String dataPath;

    @Option(names = "--start-tags", paramLabel = "TAGS", description = "Tags that start the new server (default: start,"
            + " as the install step prepared it; with --cold install-all,start, as the guide does).")
    String startTags;

    @Option(names = "--cold", description = "One copy after the old server stopped, as in the manual procedure"
            + " (default: a warm copy while it still runs, then a short final pass).")
    boolean cold;

    @Option(names = "--verify", paramLabel = "MODE", defaultValue = "quick", description = "How the copy is verified:"
            + " quick (sizes and times, the default) or checksum (contents too).")
    String verify;

    @Option(names = "--install-tags", paramLabel = "TAGS", defaultValue = Playbook.TAG_INSTALL_ALL, description = "Tags that install"
            + " the new server without starting it, run while the old one still serves (default: ${DEFAULT-VALUE}).")
    String installTags;

    @Option(names = "--force-target", description = "Copy even when the data path on the new server is not empty"
            + " (what is there is replaced).")
    boolean forceTarget;

    @Option(names = "--health-timeout", paramLabel = "SECONDS", defaultValue = "120", description = "How long the"
            + " health check after the start waits for each endpoint of the new server (default: ${DEFAULT-VALUE}).")
    int healthTimeout;

    @Option(names = "--preflight-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "How long the"
            + " preflight waits for each endpoint of the old server, which must answer what the health check will ask"
            + " (default: ${DEFAULT-VALUE}).")
    int preflightTimeout;

    @Option(names = "--self-check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After the health check, run the playbook's --tags=self-check on the new server (default: on;"
                    + " --no-self-check skips it).")
    boolean selfCheck;

    @Mixin
    DatabaseOptions database;

    ProcedureSettings settings() {
        DatabaseRoute route = database.route();
        if (cold && route == DatabaseRoute.DUMP) {
            throw Failure.invalidInput("--cold installs and starts the new server in one run, and the dump route imports"
                    + " the database between the two: drop --cold, or use --database copy");
        }
        if (cold && route == DatabaseRoute.STREAM) {
            throw Failure.invalidInput("--cold has no warm phase, and the stream route follows the old server's Postgres"
                    + " during it: drop --cold, or use --database copy");
        }
        Duration health = Validate.seconds("--health-timeout", healthTimeout, 1, 3600);
        Duration preflight = Validate.seconds("--preflight-timeout", preflightTimeout, 1, 3600);
        if (!verify.equals("quick") && !verify.equals("checksum")) {
            throw Failure.invalidInput("--verify '" + verify + "' is neither quick (sizes and times) nor checksum"
                    + " (contents)");
        }
        return new ProcedureSettings(Optional.ofNullable(dataPath).map(path -> Validate.dataPath("--data-path", path)), cold, verify.equals("checksum"),
                forceTarget, Validate.tags("--install-tags", installTags), Validate.tags("--start-tags",
                        startTags != null ? startTags : cold ? Playbook.COLD_START_TAGS : Playbook.TAG_START),
                health, preflight, selfCheck, route);
    }
}
