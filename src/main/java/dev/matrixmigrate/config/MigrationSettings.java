package dev.matrixmigrate.config;

import dev.matrixmigrate.failure.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The validated settings of a migration: where the playbook is, which host moves, and where to.
 * {@code host}, {@code toUser} and {@code toPort} are null when not given (the host is then found in
 * the inventory; user and port stay as the inventory has them).
 */
public record MigrationSettings(Path playbookDir, String host, String to, String toUser, Integer toPort,
        boolean toBecome, String dataPath, List<String> startTags, Path output, boolean forceTarget, Path templates,
        AnsibleOptions ansible, boolean cold, boolean verifyChecksum, List<String> installTags) {

    public static final String DEFAULT_DATA_PATH = "/matrix";
    public static final String DEFAULT_START_TAGS = "setup-all,start";
    public static final String DEFAULT_INSTALL_TAGS = "setup-all";

    public MigrationSettings {
        startTags = List.copyOf(startTags);
        installTags = List.copyOf(installTags);
    }

    /** Validates the merged input once; every error names the option. */
    public static MigrationSettings from(SettingsInput in, int verbosity) {
        Path playbook = Validate.playbookDir(in.playbook());
        if (in.to() == null) {
            throw Failure.invalidInput("--to is required: give the new server's address");
        }
        String host = in.host() == null ? null : Validate.iniValue("--host", in.host());
        String to = Validate.address("--to", in.to());
        String toUser = in.toUser() == null ? null : Validate.user("--to-user", in.toUser());
        Integer toPort = in.toPort() == null ? null : Validate.port("--to-port", in.toPort());
        String dataPath = Validate.dataPath("--data-path", in.dataPath() == null ? DEFAULT_DATA_PATH : in.dataPath());
        List<String> tags = tags("--start-tags", in.startTags() == null ? DEFAULT_START_TAGS : in.startTags());
        List<String> install = tags("--install-tags", in.installTags() == null ? DEFAULT_INSTALL_TAGS : in.installTags());
        String verify = in.verify() == null ? "quick" : in.verify();
        if (!verify.equals("quick") && !verify.equals("checksum")) {
            throw Failure.invalidInput("--verify '" + verify + "' is neither quick (sizes and times) nor checksum"
                    + " (contents)");
        }
        AnsibleOptions ansible = new AnsibleOptions(verbosity, existingFile("--private-key", in.privateKey()),
                existingFile("--become-password-file", in.becomePasswordFile()),
                existingFile("--vault-password-file", in.vaultPasswordFile()),
                in.extraVars() == null ? List.of() : in.extraVars());
        return new MigrationSettings(playbook, host, to, toUser, toPort, Boolean.TRUE.equals(in.toBecome()), dataPath,
                tags, in.output() == null ? null : Path.of(in.output()).toAbsolutePath().normalize(),
                Boolean.TRUE.equals(in.forceTarget()),
                in.templates() == null ? null : Path.of(in.templates()).toAbsolutePath(), ansible,
                Boolean.TRUE.equals(in.cold()), verify.equals("checksum"), install);
    }

    public String startTagsArgument() {
        return String.join(",", startTags);
    }

    public String installTagsArgument() {
        return String.join(",", installTags);
    }

    private static List<String> tags(String option, String value) {
        List<String> tags = Arrays.stream(value.split(",")).map(String::strip).toList();
        for (String tag : tags) {
            if (!tag.matches("[A-Za-z0-9_-]+")) {
                throw Failure.invalidInput(option + " '" + value + "' is not a comma-separated list of tags"
                        + " such as setup-all,start");
            }
        }
        return tags;
    }

    private static Path existingFile(String option, String value) {
        if (value == null) {
            return null;
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw Failure.invalidInput(option + " " + value + " is not a readable file");
        }
        return path;
    }
}
