package dev.matrixmigrate.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrate command against two real SSH hosts on this machine, with the real ansible-playbook,
 * ssh and rsync: each test of a subclass starts from fresh hosts, old running the test playbook's
 * service.
 */
abstract class FreshHostsTest {
    @TempDir
    Path root;
    TwoHosts hosts;
    PlaybookPostgres postgres;
    ToolProcesses tools;

    @BeforeEach
    void startHosts() {
        Assumptions.assumeTrue(TwoHosts.available(), "end-to-end tests need root (see the test output)");
        hosts = TwoHosts.startServing(root, layout());
        postgres = new PlaybookPostgres(hosts);
        tools = new ToolProcesses(hosts);
    }

    /** Where the test playbook puts the servers' data, and who owns it; a subclass may set its own. */
    DataLayout layout() {
        return DataLayout.PLAYBOOK_DEFAULTS;
    }

    @AfterEach
    void stopHosts(TestInfo test) {
        if (hosts != null) {
            try {
                hosts.recordPlaybookRuns(test, 0);
            } finally {
                hosts.close();
            }
        }
    }
}
