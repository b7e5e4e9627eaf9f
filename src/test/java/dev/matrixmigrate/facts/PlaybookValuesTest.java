package dev.matrixmigrate.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.matrixmigrate.dns.PublicName;
import dev.matrixmigrate.failure.Failure;
import dev.matrixmigrate.files.SafeYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the tool makes of the playbook's values; the values themselves come from Ansible (PlanCommandTest). */
class PlaybookValuesTest {
    private static Map<String, Object> valid() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("matrix_domain", "example.com");
        values.put("matrix_base_data_path", "/srv//matrix/");
        values.put("matrix_user_name", "synapse-owner");
        values.put("matrix_group_name", "synapse-group");
        values.put("matrix_playbook_ssl_enabled", true);
        values.put("matrix_federation_public_port", "8449");
        values.put("traefik_container_web_host_bind_port", "80");
        values.put("traefik_container_web_secure_host_bind_port", "127.0.0.1:8443");
        values.put("postgres_enabled", "yes");
        values.put("postgres_base_path", "/srv/matrix/postgres/");
        values.put("postgres_data_path", "/srv/matrix/postgres/data");
        values.put("matrix_server_fqn_matrix", "matrix.example.com");
        values.put("matrix_server_fqn_matrix_federation", "MATRIX.example.com");
        values.put("matrix_server_fqn_element", "element.example.com");
        values.put("matrix_client_element_enabled", true);
        values.put("matrix_server_fqn_etherpad", "etherpad.example.com");
        values.put("etherpad_enabled", false);
        values.put("matrix_server_fqn_jitsi", "jitsi.example.com");
        values.put("jitsi_enabled", "True");
        return values;
    }

    @Test
    void noSecretLookingVariableIsEverAskedFor() {
        Pattern secret = Pattern.compile("secret|password|passwd|key|token|credential|private", Pattern.CASE_INSENSITIVE);
        List<String> asked = PlaybookVariable.asked();
        assertTrue(asked.contains("matrix_base_data_path") && asked.contains("jitsi_enabled"), asked.toString());
        asked.forEach(name -> assertFalse(secret.matcher(name).find(), name));
    }

    @Test
    void foldersPortsSchemeAndOwnerAreReadAsThePlaybookMeansThem() {
        PlaybookValues values = new PlaybookValues("matrix.example.com", valid());
        assertEquals("/srv/matrix", values.dataPath());
        assertEquals("/srv/matrix/postgres", values.postgresBasePath());
        assertEquals("synapse-owner:synapse-group", values.owner());
        assertTrue(values.postgresEnabled(), "'yes' is true to Ansible's bool");
        assertEquals("https", values.scheme());
        assertEquals(8443, values.webPort(), "a bind port may name an address");
        assertEquals(8449, values.federationPort());
        Map<String, Object> plain = valid();
        plain.put("matrix_playbook_ssl_enabled", "false");
        assertEquals(80, new PlaybookValues("matrix.example.com", plain).webPort());
        plain.put("traefik_container_web_host_bind_port", "");
        assertEquals(80, new PlaybookValues("matrix.example.com", plain).webPort(), "no bind: the scheme's port");
    }

    @Test
    void thePublicNamesAreTheDomainAndTheEnabledServicesEachOnce() {
        List<String> names = new PlaybookValues("matrix.example.com", valid()).publicNames().stream()
                .map(PublicName::name).toList();
        assertEquals(List.of("example.com", "matrix.example.com", "element.example.com", "jitsi.example.com"), names);
    }

    @Test
    void theFactsFileHoldsTheValuesAndTheNormalizedFolders() {
        Map<String, Object> file = SafeYaml.loader().load(new PlaybookValues("matrix.example.com", valid()).yaml());
        assertEquals("/srv//matrix/", file.get("matrix_base_data_path"), "as the playbook has it");
        assertEquals("/srv/matrix", file.get("matrix_migrate_data_path"));
        assertEquals("/srv/matrix/postgres/data", file.get("matrix_migrate_postgres_data_path"));
    }

    @Test
    void aValueThePlaybookLeavesUnusableIsRefusedNamingTheVariable() {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("matrix_base_data_path", "/",
                "matrix_user_name", "", "matrix_federation_public_port", "70000", "matrix_domain", "").entrySet()) {
            Map<String, Object> values = valid();
            values.put(bad.getKey(), bad.getValue());
            Failure failure = assertThrows(Failure.class, () -> new PlaybookValues("matrix.example.com", values));
            assertTrue(failure.getMessage().startsWith(bad.getKey() + " is"), failure.getMessage());
        }
    }

    @Test
    void theQueryPlayKeepsWhatDecidesTheVariablesAndRunsNothingOfThePlaybook() {
        String setup = """
                - name: Set up
                  hosts: "{{ target if target is defined else 'matrix_servers' }}"
                  become: true
                  pre_tasks:
                    - ansible.builtin.command: touch /tmp/x
                  roles:
                    - role: galaxy/docker
                      vars: {docker_install_compose: false}
                      tags: [setup-all]
                    - custom/matrix-base
                  tasks:
                    - ansible.builtin.command: reboot
                """;
        List<Map<String, Object>> plays = SafeYaml.loader().load(FactsPlay.render(setup, List.of("matrix_domain")));
        Map<String, Object> play = plays.get(0);
        assertEquals("{{ target if target is defined else 'matrix_servers' }}", play.get("hosts"));
        assertEquals(false, play.get("gather_facts"));
        assertFalse(play.containsKey("pre_tasks") || play.containsKey("become"), play.toString());
        assertEquals(SafeYaml.loader().load("[{role: galaxy/docker, vars: {docker_install_compose: false}, tags: [setup-all]},"
                + " custom/matrix-base]"), play.get("roles"));
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) play.get("tasks");
        assertEquals(1, tasks.size());
        assertEquals(List.of(FactsPlay.TAG), tasks.get(0).get("tags"));
        assertThrows(Failure.class, () -> FactsPlay.render("- hosts: all\n  tasks: []\n", List.of("x")));
    }
}
