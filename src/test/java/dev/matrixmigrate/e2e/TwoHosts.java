package dev.matrixmigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.matrixmigrate.support.Cli;
import dev.matrixmigrate.support.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestInfo;

/**
 * Two real OpenSSH test hosts on this machine (old on 127.0.0.2, new on 127.0.0.3, port 2222),
 * each in its own mount and UTS namespace with its own /etc, /root and /matrix (see
 * src/test/e2e/testhost.sh), and a playbook folder whose ansible.cfg points Ansible at them with
 * host key checking on. The addresses are fixed: harnesses run side by side only in test forks of
 * their own network namespace (src/test/fork/bin/java).
 */
final class TwoHosts implements AutoCloseable {
    static final Path E2E = Path.of("src/test/e2e").toAbsolutePath();
    static final String OLD = "old";
    static final String NEW = "new";
    static final String OLD_ADDRESS = "127.0.0.2";
    static final String NEW_ADDRESS = "127.0.0.3";
    /** Another address of the old host (its sshd listens there too), as a second address of one machine. */
    static final String OLD_OTHER_ADDRESS = "127.0.0.12";
    static final String HOST = "matrix.example.com";
    /** Where testhost.sh puts the tree maker and the manifest inside each host. */
    static final String TOOLS = "/root/testhost-tools";
    /** Where the tests make their trees of files on old. */
    static final String FIXTURE = "/matrix/fixture";

    final Path state;
    final Path playbook;
    final DataLayout layout;

    private TwoHosts(Path root, DataLayout layout) {
        this.state = root.resolve("state");
        this.playbook = root.resolve("playbook");
        this.layout = layout;
    }

    static TwoHosts start(Path root) {
        return start(root, DataLayout.PLAYBOOK_DEFAULTS);
    }

    static TwoHosts start(Path root, DataLayout layout) {
        TwoHosts hosts = new TwoHosts(root, layout);
        try {
            hosts.testhost("start", OLD, OLD_ADDRESS + "," + OLD_OTHER_ADDRESS, hosts.state.toString());
            hosts.testhost("start", NEW, NEW_ADDRESS, hosts.state.toString());
            hosts.writePlaybook();
        } catch (RuntimeException | Error e) {
            hosts.close();
            throw e;
        }
        return hosts;
    }

    /** Starts the hosts with the test playbook's service installed and running on old, as before any migration. */
    static TwoHosts startServing(Path root) {
        return startServing(root, DataLayout.PLAYBOOK_DEFAULTS);
    }

    static TwoHosts startServing(Path root, DataLayout layout) {
        TwoHosts hosts = start(root, layout);
        try {
            hosts.provisionOld();
            assertNotNull(versions(OLD_ADDRESS), "the service must run on old before the migration");
        } catch (RuntimeException | Error e) {
            hosts.close();
            throw e;
        }
        return hosts;
    }

    /** Whether this process may create the hosts; the reason is printed when not. */
    static boolean available() {
        if ("skip".equals(System.getProperty("matrixmigrate.e2e"))) {
            System.out.println("end-to-end tests skipped: -De2e=skip");
            return false;
        }
        String uid = Programs.run(Path.of("."), List.of("id", "-u")).stdout().strip();
        if (!uid.equals("0")) {
            System.out.println("end-to-end tests skipped: they create namespaced SSH hosts and need root (uid is "
                    + uid + ")");
            return false;
        }
        return true;
    }

    private void writePlaybook() {
        try {
            Programs.ok(E2E, "cp", "-r", E2E.resolve("playbook").toString(), playbook.toString());
            Files.createDirectories(state.resolve("ansible/tmp"));
            Files.createDirectories(state.resolve("ansible/cp"));
            Files.writeString(playbook.resolve("ansible.cfg"), Files.readString(E2E.resolve("playbook/ansible.cfg.example"))
                    .replace("STATE_DIR", state.toString()));
            Path vars = hostVarsFile().getParent();
            Files.createDirectories(vars);
            Files.writeString(vars.resolve("vars.yml"), """
                    ---
                    matrix_playbook_migration_validated_version: v2026.05.18.0
                    matrix_domain: example.com
                    # the real playbook's costs, kept small here (make bench uses the real figures)
                    test_load_seconds: 0.2
                    test_setup_seconds: 0.5
                    test_image_pull_seconds: 0.5
                    """ + Files.readString(E2E.resolve("playbook/http-host-vars.yml")) + layout.hostVars());
            if (layout.inventoryGroupVars() != null) {
                Files.createDirectories(hostsFile().resolveSibling("group_vars"));
                Files.writeString(hostsFile().resolveSibling("group_vars/matrix_servers.yml"), layout.inventoryGroupVars());
            }
            Files.writeString(hostsFile(), """
                    # test inventory
                    [matrix_servers]
                    matrix.example.com ansible_host=127.0.0.2 ansible_port=2222 ansible_ssh_user=root

                    [other]
                    unrelated.example.net ansible_host=192.0.2.99
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the migrate command on this harness's playbook, in this JVM, showing what it writes. */
    Cli.Result migrate(String... args) {
        List<String> all = new ArrayList<>(List.of("migrate", "--playbook", playbook.toString()));
        all.addAll(List.of(args));
        return Cli.runShowingOutput(all.toArray(String[]::new));
    }

    /** What a migration could change on a host, minus what the running service itself writes. */
    String snapshot(String host) {
        return dataButServiceWrites(host) + tryExec(host, "sh", "-c",
                "ls -la /etc/systemd/standin/enabled 2>/dev/null; cat /root/.ssh/authorized_keys; getent passwd matrix;"
                        + " ls /tmp").stdout();
    }

    /** What a migration and its rollback could change on the old server, minus what its service writes itself. */
    String oldServerState() {
        return dataButServiceWrites(OLD) + tryExec(OLD, "sh", "-c", "ls /etc/systemd/standin/enabled;"
                + " cat /root/.ssh/authorized_keys; find /root/.matrix-migrate -mindepth 1 2>/dev/null").stdout();
    }

    /** The data path's manifest with owners and change times, without what the service writes (synapse/data). */
    private String dataButServiceWrites(String host) {
        return manifest(host, layout.dataPath(), "--owners", "--ctime").lines().filter(l -> !l.startsWith("synapse/data"))
                .collect(Collectors.joining("\n")) + "\n";
    }

    /**
     * Old's data path as the manifest lists it, without Postgres's raw files and its socket folder (which its own
     * server rewrites, and empties when it stops).
     */
    String oldDataButPostgres() {
        return manifest(OLD, layout.dataPath(), "--owners").lines().filter(line -> !writtenByPostgres(line))
                .collect(Collectors.joining("\n"));
    }

    /** Whether a manifest line is what the playbook's running Postgres writes: its raw files, its socket folder. */
    static boolean writtenByPostgres(String line) {
        return line.startsWith("postgres/data") || line.startsWith("postgres/run");
    }

    /** Old's data path with owners and change times, without what its running services write (Postgres, Synapse). */
    String oldDataButServiceWrites() {
        return manifest(OLD, layout.dataPath(), "--owners", "--ctime").lines()
                .filter(line -> !line.startsWith("synapse/data") && !writtenByPostgres(line))
                .collect(Collectors.joining("\n"));
    }

    /** The inventory, where the layout keeps it (inventory/hosts, as the playbook's docs, unless a test moves it). */
    Path hostsFile() {
        return playbook.resolve(layout.inventory());
    }

    /** The host's vars.yml, in host_vars beside the inventory. */
    Path hostVarsFile() {
        return hostsFile().resolveSibling("host_vars/" + HOST + "/vars.yml");
    }

    /** Installs and starts the test service on old, as the playbook would have long before a migration. */
    void provisionOld() {
        Programs.ok(playbook, "ansible-playbook", "-i", layout.inventory(), "setup.yml", "--tags=setup-all,start");
    }

    /** Stops one host, as a server that went away. */
    void stop(String host) {
        testhost("stop", host, state.toString());
    }

    String exec(String host, String... command) {
        return Programs.ok(E2E, execArgs(host, command));
    }

    Programs.Output tryExec(String host, String... command) {
        return Programs.run(E2E, List.of(execArgs(host, command)));
    }

    private String[] execArgs(String host, String... command) {
        List<String> argv = new ArrayList<>(List.of(E2E.resolve("testhost.sh").toString(), "exec", host,
                state.toString(), "--"));
        argv.addAll(List.of(command));
        return argv.toArray(String[]::new);
    }

    /** Makes the test playbook fail (or stop failing) at a step on the host with this address (tasks/*.yml). */
    void injectFailure(String address, String failure, boolean on) {
        Path flag = playbook.resolve("injected").resolve(address).resolve(failure);
        try {
            if (on) {
                Files.createDirectories(flag.getParent());
                Files.writeString(flag, "");
            } else {
                Files.delete(flag);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest of a tree on a host (see src/test/e2e/manifest.py). */
    String manifest(String host, String root, String... flags) {
        List<String> argv = new ArrayList<>(List.of("python3", TOOLS + "/manifest.py", root));
        argv.addAll(List.of(flags));
        return exec(host, argv.toArray(String[]::new));
    }

    void makeTree(String host, String root, int files) {
        exec(host, "python3", TOOLS + "/make-tree.py", root, Integer.toString(files));
    }

    /** What the service answers on an address, or null when nothing answers within a few seconds. */
    static String versions(String address) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://" + address + ":8008/_matrix/client/versions"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return response.body();
            } catch (IOException e) {
                sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The process groups of the copies running on a host now, rsync's ends (not `rsync --version`): one
     * copy is one group on each side (on old the sender and its ssh, on new rrsync's receiver). A process
     * belongs to this harness's host when it runs in that host's mount namespace (testhost.sh keeps its
     * name), so another harness's hosts of the same name never count.
     */
    java.util.Set<Long> rsyncGroups(String host) {
        java.util.Set<Long> groups = new java.util.TreeSet<>();
        String namespace;
        try {
            namespace = Files.readString(state.resolve(host).resolve("host.mntns")).strip();
        } catch (IOException stopped) {
            return groups;
        }
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            Path proc = Path.of("/proc", Long.toString(process.pid()));
            try {
                String argv = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                if (!Files.readString(proc.resolve("comm")).strip().equals("rsync")
                        || !(argv.contains(" --server ") || argv.contains(" ssh -i "))
                        || !Files.readSymbolicLink(proc.resolve("ns/mnt")).toString().equals(namespace)) {
                    continue;
                }
                String stat = Files.readString(proc.resolve("stat"));
                groups.add(Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]));
            } catch (IOException | RuntimeException gone) {
                // the process ended meanwhile
            }
        }
        return groups;
    }

    String unitState(String host, String query) {
        return tryExec(host, "systemctl", query, "matrix-synapse.service").stdout().strip();
    }

    /** Starts the new host again with its sshd under another personality (setarch), so that Ansible sees another CPU. */
    void restartNew(String personality) {
        testhost("stop", NEW, state.toString());
        List<String> argv = List.of("env", "TESTHOST_PERSONALITY=" + personality, E2E.resolve("testhost.sh").toString(),
                "start", NEW, NEW_ADDRESS, state.toString());
        Programs.Output out = Programs.run(E2E, argv);
        assertEquals(0, out.exitCode(), String.join(" ", argv) + ":\n" + out.stdout());
    }

    private void testhost(String... args) {
        List<String> argv = new ArrayList<>(List.of(E2E.resolve("testhost.sh").toString()));
        argv.addAll(List.of(args));
        Programs.Output out = Programs.run(E2E, argv);
        assertEquals(0, out.exitCode(), "testhost.sh " + String.join(" ", args) + ":\n" + out.stdout());
    }

    /**
     * What Ansible warned of in this harness's runs that the plays must not cause: deprecations, a conditional
     * that is not a boolean (ansible-core 2.19), templating. A skipped task's own "Conditional result was
     * False" (with -v) is no warning.
     */
    private static final java.util.regex.Pattern PLAY_WARNING = java.util.regex.Pattern.compile(
            "\\[DEPRECATION WARNING]|(?i:conditional result \\(\\w+\\) was derived from value of type)"
                    + "|\\[WARNING]:.*(?i:templat|jinja|finaliz|undefined)");

    List<String> playWarnings() {
        Path log = state.resolve("ansible.log");
        try {
            return !Files.exists(log) ? List.of() : Files.readAllLines(log).stream()
                    .filter(line -> PLAY_WARNING.matcher(line).find()).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many ansible-playbook runs the playbook folder has seen: the runs' distinct pids in Ansible's log. */
    private int playbookRuns() {
        Path log = state.resolve("ansible.log");
        try {
            return !Files.exists(log) ? 0 : (int) Files.readAllLines(log).stream().filter(l -> l.contains("| PLAY ["))
                    .map(l -> l.replaceFirst(".* p=([0-9]+) .*", "$1")).distinct().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the ansible-playbook runs a test cost, those since {@code before}, to target/ansible-runs.tsv (the
     * suite's cost table); returns the playbook folder's runs so far.
     */
    int recordPlaybookRuns(TestInfo test, int before) {
        List<String> warnings = playWarnings();
        if (!warnings.isEmpty()) {
            throw new AssertionError("Ansible warned while " + test.getDisplayName() + " ran (" + state.resolve("ansible.log")
                    + "):\n" + String.join("\n", warnings));
        }
        int runs = playbookRuns();
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/ansible-runs.tsv"), test.getTestClass().orElseThrow().getSimpleName() + "#"
                    + test.getTestMethod().orElseThrow().getName() + "\t" + (runs - before) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs;
    }

    @Override
    public void close() {
        for (String host : List.of(OLD, NEW)) {
            Programs.run(E2E, List.of(E2E.resolve("testhost.sh").toString(), "stop", host, state.toString()));
        }
        // The hosts' copies of /etc hold symlinks out of the temporary folder: remove them here, quietly.
        Programs.run(E2E, List.of("rm", "-rf", state.toString()));
    }
}
