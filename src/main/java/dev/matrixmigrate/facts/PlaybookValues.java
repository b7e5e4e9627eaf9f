package dev.matrixmigrate.facts;

import dev.matrixmigrate.dns.PublicName;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The values of the playbook's variables for one host, as Ansible computed them (host_vars, group_vars,
 * the playbook's group_vars and the defaults of its roles, templated), checked once here.
 *
 * @param values every asked variable ({@link PlaybookVariable#asked()}), null when the playbook leaves it
 *               undefined, in the order asked
 */
public record PlaybookValues(String host, Map<String, Object> values) {
    public PlaybookValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        for (PlaybookVariable required : List.of(PlaybookVariable.MATRIX_DOMAIN, PlaybookVariable.MATRIX_BASE_DATA_PATH,
                PlaybookVariable.MATRIX_USER_NAME, PlaybookVariable.MATRIX_GROUP_NAME,
                PlaybookVariable.MATRIX_SERVER_FQN_MATRIX, PlaybookVariable.MATRIX_FEDERATION_PUBLIC_PORT)) {
            if (text(values, required).isBlank()) {
                throw Failure.invalidInput(required.variable() + " is not set for " + host + " by the playbook: "
                        + (required == PlaybookVariable.MATRIX_DOMAIN ? "set it in its vars.yml, as the playbook requires"
                                : "is --playbook a matrix-docker-ansible-deploy checkout with its roles installed?"));
            }
        }
        String dataPath = text(values, PlaybookVariable.MATRIX_BASE_DATA_PATH);
        if (!dataPath.startsWith("/") || dataPath.replaceAll("/+$", "").isEmpty()) {
            throw Failure.invalidInput("matrix_base_data_path is " + dataPath + " for " + host
                    + ": the playbook needs an absolute folder other than /");
        }
        port(host, values, PlaybookVariable.MATRIX_FEDERATION_PUBLIC_PORT);
    }

    public String domain() {
        return text(values, PlaybookVariable.MATRIX_DOMAIN);
    }

    /** matrix_base_data_path, as a folder: one slash between its parts, none at its end. */
    public String dataPath() {
        return folder(text(values, PlaybookVariable.MATRIX_BASE_DATA_PATH));
    }

    /** user:group, for chown. */
    public String owner() {
        return text(values, PlaybookVariable.MATRIX_USER_NAME) + ":" + text(values, PlaybookVariable.MATRIX_GROUP_NAME);
    }

    public boolean postgresEnabled() {
        return truthy(values.get(PlaybookVariable.POSTGRES_ENABLED.variable()));
    }

    /** postgres_data_path, where the raw database lies (the dump route leaves it out of the copy). */
    public String postgresDataPath() {
        return folder(text(values, PlaybookVariable.POSTGRES_DATA_PATH));
    }

    public String postgresBasePath() {
        return folder(text(values, PlaybookVariable.POSTGRES_BASE_PATH));
    }

    public boolean tls() {
        return truthy(values.get(PlaybookVariable.MATRIX_PLAYBOOK_SSL_ENABLED.variable()));
    }

    /** The homeserver's public name (matrix_server_fqn_matrix). */
    public String fqn() {
        return text(values, PlaybookVariable.MATRIX_SERVER_FQN_MATRIX);
    }

    public String scheme() {
        return tls() ? "https" : "http";
    }

    /**
     * The port of the public web entry point: the playbook's Traefik binds it on the host (the bind port may
     * name an address, as "127.0.0.1:81"); where the playbook binds none (Traefik off, another proxy in front),
     * the scheme's standard port, as clients reach https://name.
     */
    public int webPort() {
        PlaybookVariable bind = tls() ? PlaybookVariable.TRAEFIK_CONTAINER_WEB_SECURE_HOST_BIND_PORT
                : PlaybookVariable.TRAEFIK_CONTAINER_WEB_HOST_BIND_PORT;
        String text = text(values, bind).strip();
        String port = text.substring(text.lastIndexOf(':') + 1);
        return port.matches("[0-9]{1,5}") && Integer.parseInt(port) > 0 && Integer.parseInt(port) < 65536
                ? Integer.parseInt(port) : tls() ? 443 : 80;
    }

    public int federationPort() {
        return port(host, values, PlaybookVariable.MATRIX_FEDERATION_PUBLIC_PORT);
    }

    /** Whether the playbook runs its own Traefik, whose entry points take the PROXY protocol when told to. */
    public boolean traefikEnabled() {
        return truthy(values.get(PlaybookVariable.TRAEFIK_ENABLED.variable()));
    }

    /**
     * The TCP ports the playbook publishes on every address of the host: Traefik's web entry points and the
     * federation entry point of its own, and TURN's TCP ports when coturn runs. A port bound to a loopback
     * address only (another proxy in front) is not public; each port once.
     */
    public List<PublicPort> publicPorts() {
        Map<Integer, PublicPort> ports = new LinkedHashMap<>();
        boolean traefik = traefikEnabled();
        BiConsumer<PlaybookVariable, PlaybookVariable> traefikPort = (bind, name) ->
                publicBindPort(text(values, bind)).ifPresent(port -> ports.putIfAbsent(port, new PublicPort(port,
                        text(values, name), traefik ? Optional.of(text(values, name))
                                : Optional.empty())));
        traefikPort.accept(PlaybookVariable.TRAEFIK_CONTAINER_WEB_HOST_BIND_PORT, PlaybookVariable.TRAEFIK_CONFIG_ENTRYPOINT_WEB_NAME);
        traefikPort.accept(PlaybookVariable.TRAEFIK_CONTAINER_WEB_SECURE_HOST_BIND_PORT,
                PlaybookVariable.TRAEFIK_CONFIG_ENTRYPOINT_WEB_SECURE_NAME);
        if (truthy(values.get(PlaybookVariable.MATRIX_PLAYBOOK_PUBLIC_MATRIX_FEDERATION_API_TRAEFIK_ENTRYPOINT_ENABLED.variable()))) {
            String name = text(values, PlaybookVariable.MATRIX_FEDERATION_TRAEFIK_ENTRYPOINT_NAME);
            ports.putIfAbsent(federationPort(), new PublicPort(federationPort(), name,
                    traefik ? Optional.of(name) : Optional.empty()));
        }
        if (truthy(values.get(PlaybookVariable.COTURN_ENABLED.variable()))) {
            for (PlaybookVariable bind : List.of(PlaybookVariable.COTURN_CONTAINER_STUN_PLAIN_HOST_BIND_PORT_TCP,
                    PlaybookVariable.COTURN_CONTAINER_STUN_TLS_HOST_BIND_PORT_TCP)) {
                publicBindPort(text(values, bind)).ifPresent(port -> ports.putIfAbsent(port,
                        new PublicPort(port, "TURN", Optional.empty())));
            }
        }
        return List.copyOf(ports.values());
    }

    /** A container's host bind port ("443", "0.0.0.0:443", "127.0.0.1:81", ""): the port, when clients reach it. */
    static Optional<Integer> publicBindPort(String bind) {
        String text = bind.strip();
        int colon = text.lastIndexOf(':');
        String port = text.substring(colon + 1);
        String address = colon < 0 ? "" : text.substring(0, colon).replaceAll("^\\[|\\]$", "");
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535
                || address.startsWith("127.") || address.equals("::1") || address.equalsIgnoreCase("localhost")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(port));
    }

    /** The base domain first, then the names of the services the host enables, each once. */
    public List<PublicName> publicNames() {
        List<PublicName> names = new ArrayList<>(List.of(new PublicName(PlaybookVariable.MATRIX_DOMAIN.variable(),
                domain())));
        for (PlaybookVariable variable : PlaybookVariable.values()) {
            String name = variable.isPublicName() ? text(values, variable) : "";
            boolean served = variable.enabledBy().map(values::get).map(PlaybookValues::truthy).orElse(true);
            if (!name.isBlank() && served && names.stream().noneMatch(known -> known.name().equalsIgnoreCase(name))) {
                names.add(new PublicName(variable.variable(), name));
            }
        }
        return names;
    }

    /** plan/playbook-facts.yml: what the plays read, under a header naming where it comes from. */
    public String yaml() {
        return "---\n# The playbook's values for " + host + ", as Ansible computes them for the host: inventory/host_vars,\n"
                + "# the inventory's group_vars, the playbook's group_vars and the defaults of the roles setup.yml\n"
                + "# applies. The plays of this folder read this file (vars_files); null: the playbook leaves it undefined.\n"
                + SafeYaml.dumper().dump(values)
                + "# The folders among them as the plays compare them: one slash between parts, none at the end.\n"
                + SafeYaml.dumper().dump(folders());
    }

    /** The folders the plays use, by the names they use. */
    private Map<String, String> folders() {
        Map<String, String> folders = new LinkedHashMap<>();
        folders.put("matrix_migrate_data_path", dataPath());
        folders.put("matrix_migrate_postgres_base_path", postgresBasePath());
        folders.put("matrix_migrate_postgres_data_path", postgresDataPath());
        return folders;
    }

    private static String folder(String path) {
        String single = path.replaceAll("/{2,}", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }

    private static String text(Map<String, Object> values, PlaybookVariable variable) {
        Object value = values.get(variable.variable());
        return value == null ? "" : value.toString();
    }

    private static int port(String host, Map<String, Object> values, PlaybookVariable variable) {
        String text = text(values, variable);
        try {
            int port = Integer.parseInt(text.strip());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw Failure.invalidInput(variable.variable() + " is " + text + " for " + host + ": set a TCP port (1-65535)");
    }

    /** As Ansible's bool filter reads a value. */
    static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null) {
            return false;
        }
        String text = value.toString().strip().toLowerCase(java.util.Locale.ROOT);
        return List.of("yes", "on", "1", "true", "y", "t").contains(text);
    }
}
