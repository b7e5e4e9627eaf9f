package dev.matrixmigrate.cli;

import dev.matrixmigrate.config.NewServerSettings;
import dev.matrixmigrate.config.Validate;
import dev.matrixmigrate.failure.Failure;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the server moves to. */
@OptionGroup("New server")
final class NewServerOptions {
    @Option(names = "--to", paramLabel = "ADDRESS", description = "Address of the new server (required).")
    String to;

    @Option(names = "--to-user", paramLabel = "USER", description = "SSH user on the new server (default: as now).")
    String toUser;

    @Option(names = "--to-port", paramLabel = "PORT", description = "SSH port of the new server (default: as now).")
    Integer toPort;

    @Option(names = "--to-become", description = "The SSH user on the new server is not root: become root with sudo.")
    boolean toBecome;

    NewServerSettings settings() {
        if (to == null) {
            throw Failure.invalidInput("--to is required: give the new server's address");
        }
        return new NewServerSettings(Validate.address("--to", to),
                Optional.ofNullable(toUser).map(user -> Validate.user("--to-user", user)),
                Optional.ofNullable(toPort).map(port -> Validate.port("--to-port", port)), toBecome);
    }
}
