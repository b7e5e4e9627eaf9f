package dev.matrixmigrate.dns;

import dev.matrixmigrate.ansible.HostExpression;
import dev.matrixmigrate.failure.Failure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The host names of a server as the playbook's variables give them for its host: the base domain
 * ({@code matrix_domain}), the homeserver's name and those of the services the host enables. The
 * names' defaults are the real playbook's role defaults (which an ad-hoc read does not load), the
 * switches' defaults those of its group_vars, which it does load.
 */
public final class ServiceNames {
    /**
     * A service's name: its variable, the label of its default name ({@code label.<matrix_domain>}; or, when it
     * starts with {@code =}, the variable whose value is the default), and the switch that enables it.
     */
    record Service(String variable, String label, String switchVariable, boolean onByDefault) {
        String defaultName() {
            return label.startsWith("=") ? label.substring(1) + " | default(\"matrix.\" ~ " + DOMAIN + ")"
                    : "\"" + label + ".\" ~ " + DOMAIN;
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("matrix_server_fqn_matrix", "matrix", null, true),
            // federation's own name, when it differs (a delegated or separate federation endpoint)
            new Service("matrix_server_fqn_matrix_federation", "=matrix_server_fqn_matrix", null, true),
            new Service("matrix_server_fqn_element", "element", "matrix_client_element_enabled", true),
            new Service("matrix_server_fqn_hydrogen", "hydrogen", "hydrogen_enabled", false),
            new Service("matrix_server_fqn_cinny", "cinny", "cinny_enabled", false),
            new Service("matrix_server_fqn_sable", "sable", "sable_enabled", false),
            new Service("matrix_server_fqn_schildichat", "schildichat", "matrix_client_schildichat_enabled", false),
            new Service("matrix_server_fqn_fluffychat", "fluffychat", "matrix_client_fluffychat_enabled", false),
            new Service("matrix_server_fqn_buscarron", "buscarron", "matrix_bot_buscarron_enabled", false),
            new Service("matrix_server_fqn_etherpad", "etherpad", "etherpad_enabled", false),
            new Service("matrix_server_fqn_jitsi", "jitsi", "jitsi_enabled", false),
            new Service("matrix_server_fqn_grafana", "stats", "grafana_enabled", false),
            new Service("matrix_server_fqn_sygnal", "sygnal", "matrix_sygnal_enabled", false),
            new Service("matrix_server_fqn_ntfy", "ntfy", "ntfy_enabled", false),
            new Service("matrix_server_fqn_rageshake", "rageshake", "matrix_rageshake_enabled", false),
            new Service("matrix_server_fqn_matrixto", "mt", "matrix_matrixto_enabled", false));
    static final String DOMAIN = "matrix_domain";

    private final HostExpression expression;

    public ServiceNames(HostExpression expression) {
        this.expression = expression;
    }

    /** The base domain first, then the names of the services the host enables. */
    @SuppressWarnings("unchecked")
    public List<PublicName> of(Path playbookDir, String inventory, String host) {
        Object value = expression.evaluate(playbookDir, inventory, host, expression());
        if (!(value instanceof Map<?, ?> map) || !(map.get("names") instanceof List<?> names)
                || !(map.get("domain") instanceof String domain)) {
            throw Failure.invalidInput(DOMAIN + " is not set for " + host + ": set it in its vars.yml, as the playbook"
                    + " requires");
        }
        List<PublicName> all = new ArrayList<>(List.of(new PublicName(DOMAIN, domain)));
        for (Object pair : names) {
            List<String> entry = (List<String>) pair;
            if (all.stream().noneMatch(name -> name.name().equalsIgnoreCase(entry.get(1)))) {
                all.add(new PublicName(entry.get(0), entry.get(1)));
            }
        }
        return all;
    }

    /** A Jinja expression giving {"domain": ..., "names": [[variable, name], ...]} for the enabled services. */
    static String expression() {
        String names = SERVICES.stream().map(service -> {
            String pair = "[[\"" + service.variable() + "\", " + service.variable() + " | default(" + service.defaultName()
                    + ")]]";
            return service.switchVariable() == null ? pair : "(" + pair + " if " + service.switchVariable()
                    + " | default(" + (service.onByDefault() ? "true" : "false") + ") | bool else [])";
        }).collect(Collectors.joining(" + "));
        return "{\"domain\": " + DOMAIN + " | default(none), \"names\": " + names + "} | to_json";
    }
}
