package dev.matrixmigrate.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every variable of matrix-docker-ansible-deploy the tool reads, by the playbook's own name (the constant's
 * name in lower case). Only names: the values, defaults included, always come from Ansible evaluating the
 * playbook for the host ({@link PlaybookValuesQuery}). None of them holds a secret.
 */
public enum PlaybookVariable {
    MATRIX_DOMAIN,
    /** Where everything of the server lives on its host. */
    MATRIX_BASE_DATA_PATH,
    /** The owner of the data path on the new server (the guide's chown). */
    MATRIX_USER_NAME,
    MATRIX_GROUP_NAME,
    /** https (true) or http at the public names. */
    MATRIX_PLAYBOOK_SSL_ENABLED,
    MATRIX_FEDERATION_PUBLIC_PORT,
    /** The public web ports of the playbook's Traefik (host bind ports, possibly with an address). */
    TRAEFIK_CONTAINER_WEB_HOST_BIND_PORT,
    TRAEFIK_CONTAINER_WEB_SECURE_HOST_BIND_PORT,
    /** The playbook's own Traefik (its entry points can be told to trust the PROXY protocol), their names. */
    TRAEFIK_ENABLED,
    TRAEFIK_CONFIG_ENTRYPOINT_WEB_NAME,
    TRAEFIK_CONFIG_ENTRYPOINT_WEB_SECURE_NAME,
    /** The federation port's own entry point, when it is not one of the web ports. */
    MATRIX_PLAYBOOK_PUBLIC_MATRIX_FEDERATION_API_TRAEFIK_ENTRYPOINT_ENABLED,
    MATRIX_FEDERATION_TRAEFIK_ENTRYPOINT_NAME,
    /** TURN's TCP ports on the host, when the playbook's coturn runs. */
    COTURN_ENABLED,
    COTURN_CONTAINER_STUN_PLAIN_HOST_BIND_PORT_TCP,
    COTURN_CONTAINER_STUN_TLS_HOST_BIND_PORT_TCP,
    /** The playbook's own Postgres: its switch, its unit and container name, its folders. */
    POSTGRES_ENABLED,
    POSTGRES_IDENTIFIER,
    POSTGRES_BASE_PATH,
    POSTGRES_DATA_PATH,
    /** Its socket folder on the host (role v18.3-1 and later), which the stream route's tunnel reaches; its superuser. */
    POSTGRES_RUN_PATH,
    POSTGRES_CONNECTION_USERNAME,
    /** The postgres role's image of each major version: the stream route's standby runs the one of old's PG_VERSION. */
    POSTGRES_CONTAINER_IMAGE_BY_MAJOR_VERSION,
    /**
     * The names of the databases the playbook's backup roles back up, which its group_vars derive from
     * postgres_managed_databases: the install on new keeps them when it is told there are no managed databases.
     */
    POSTGRES_BACKUP_DATABASES_AUTO,
    BACKUP_BORG_POSTGRESQL_DATABASES_AUTO,
    /** The public host names, each with the switch of the service it names (none: always served). */
    MATRIX_SERVER_FQN_MATRIX(null),
    MATRIX_SERVER_FQN_MATRIX_FEDERATION(null),
    MATRIX_SERVER_FQN_ELEMENT("matrix_client_element_enabled"),
    MATRIX_SERVER_FQN_HYDROGEN("hydrogen_enabled"),
    MATRIX_SERVER_FQN_CINNY("cinny_enabled"),
    MATRIX_SERVER_FQN_SABLE("sable_enabled"),
    MATRIX_SERVER_FQN_SCHILDICHAT("matrix_client_schildichat_enabled"),
    MATRIX_SERVER_FQN_FLUFFYCHAT("matrix_client_fluffychat_enabled"),
    MATRIX_SERVER_FQN_BUSCARRON("matrix_bot_buscarron_enabled"),
    MATRIX_SERVER_FQN_ETHERPAD("etherpad_enabled"),
    MATRIX_SERVER_FQN_JITSI("jitsi_enabled"),
    MATRIX_SERVER_FQN_GRAFANA("grafana_enabled"),
    MATRIX_SERVER_FQN_SYGNAL("matrix_sygnal_enabled"),
    MATRIX_SERVER_FQN_NTFY("ntfy_enabled"),
    MATRIX_SERVER_FQN_RAGESHAKE("matrix_rageshake_enabled"),
    MATRIX_SERVER_FQN_MATRIXTO("matrix_matrixto_enabled");

    /**
     * What the playbook's group_vars derive from postgres_managed_databases (database names only): the install on new,
     * told there are no managed databases, gets them as Ansible evaluated them for the host.
     */
    public static final List<String> DERIVED_FROM_MANAGED_DATABASES = List.of(POSTGRES_BACKUP_DATABASES_AUTO.variable(),
            BACKUP_BORG_POSTGRESQL_DATABASES_AUTO.variable());

    private final boolean publicName;
    private final String enabledBy;

    PlaybookVariable() {
        this.publicName = false;
        this.enabledBy = null;
    }

    PlaybookVariable(String enabledBy) {
        this.publicName = true;
        this.enabledBy = enabledBy;
    }

    /** The playbook's name of the variable. */
    public String variable() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isPublicName() {
        return publicName;
    }

    /** For a public name: the variable that switches its service on, when it is not always served. */
    public Optional<String> enabledBy() {
        return Optional.ofNullable(enabledBy);
    }

    /** Every variable the tool asks Ansible for: these, and the switches of the public names. */
    public static List<String> asked() {
        List<String> names = new ArrayList<>();
        for (PlaybookVariable variable : values()) {
            names.add(variable.variable());
            variable.enabledBy().filter(name -> !names.contains(name)).ifPresent(names::add);
        }
        return names;
    }
}
