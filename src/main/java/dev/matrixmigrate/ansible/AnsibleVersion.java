package dev.matrixmigrate.ansible;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ansible-core version, as `ansible-playbook --version` and a role's min_ansible_version write it. */
public record AnsibleVersion(int major, int minor, int patch) implements Comparable<AnsibleVersion> {
    /** "ansible-playbook [core 2.19.4]"; before ansible-core, "ansible-playbook 2.9.27". */
    /** On a line of its own: Python may print warnings before it (e.g. a CryptographyDeprecationWarning). */
    private static final Pattern REPORTED = Pattern.compile("(?m)^ansible-playbook (?:\\[core )?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern WRITTEN = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Comparator<AnsibleVersion> ORDER = Comparator.comparingInt(AnsibleVersion::major)
            .thenComparingInt(AnsibleVersion::minor).thenComparingInt(AnsibleVersion::patch);

    /** The version in the first line of `ansible-playbook --version`. */
    public static Optional<AnsibleVersion> reported(String output) {
        return match(REPORTED, output.strip());
    }

    /** A version as written in a role's meta ("2.15.1", "2.15", 2.15). */
    public static Optional<AnsibleVersion> written(Object value) {
        return value == null ? Optional.empty() : match(WRITTEN, value.toString().strip());
    }

    private static Optional<AnsibleVersion> match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new AnsibleVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    @Override
    public int compareTo(AnsibleVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
