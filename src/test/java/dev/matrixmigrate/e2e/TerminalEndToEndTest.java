package dev.matrixmigrate.e2e;

import static dev.matrixmigrate.e2e.TwoHosts.FIXTURE;
import static dev.matrixmigrate.e2e.TwoHosts.NEW;
import static dev.matrixmigrate.e2e.TwoHosts.NEW_ADDRESS;
import static dev.matrixmigrate.e2e.TwoHosts.OLD;
import static dev.matrixmigrate.e2e.TwoHosts.OLD_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.matrixmigrate.engine.Journal;
import dev.matrixmigrate.engine.RunFolder;
import dev.matrixmigrate.engine.StepState;

import dev.matrixmigrate.support.Terminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** At a terminal: the become password asked without echo, the typed confirmation before the stop, progress on one line. */
class TerminalEndToEndTest extends FreshHostsTest {
    @Test
    void atATerminalItAsksForThePasswordWithoutShowingItAsksBeforeTheStopAndShowsProgressOnOneLine()
            throws Exception {
        hosts.makeTree(OLD, FIXTURE, 3000);
        String password = "pw-" + java.util.UUID.randomUUID();
        Path first = root.resolve("first.typescript");
        try (Terminal terminal = Terminal.start(hosts.playbook, first, "migrate", "--playbook",
                hosts.playbook.toString(), "--to", NEW_ADDRESS, "--ask-become-pass")) {
            terminal.answer("BECOME (sudo) password: ", password, Duration.ofSeconds(120));
            terminal.answer("Type yes to go on: ", "no", Duration.ofSeconds(300));
            assertEquals(2, terminal.exitCode(Duration.ofSeconds(60)), terminal.screen());
        }
        String screen = Files.readString(first);
        assertTrue(screen.contains("not confirmed: the old server was not stopped"), screen);
        assertTrue(screen.contains("\rcopied "), "a terminal shows the copy's progress on one updating line: " + screen);
        assertFalse(screen.contains("after the failure"), "a refusal is not a failure to clean up after: " + screen);
        assertNotNull(TwoHosts.versions(OLD_ADDRESS), "answering no leaves the old server serving");
        RunFolder run = RunFolder.find(hosts.playbook, null, "resume");
        assertEquals(StepState.DONE, Journal.load(run.dir()).step("install").state());
        assertEquals(StepState.PENDING, Journal.load(run.dir()).step("cutover").state());

        Path second = root.resolve("second.typescript");
        try (Terminal terminal = Terminal.start(hosts.playbook, second, "migrate", "--playbook",
                hosts.playbook.toString(), "--resume", "--ask-become-pass")) {
            terminal.answer("BECOME (sudo) password: ", password, Duration.ofSeconds(120));
            terminal.answer("Type yes to go on: ", "yes", Duration.ofSeconds(120));
            assertEquals(0, terminal.exitCode(Duration.ofSeconds(300)), terminal.screen());
        }
        assertTrue(Journal.load(run.dir()).complete());
        assertTrue(TwoHosts.versions(NEW_ADDRESS).contains("\"server\": \"new\""));
        assertEquals(hosts.manifest(OLD, FIXTURE), hosts.manifest(NEW, FIXTURE));

        for (Path typescript : List.of(first, second)) {
            assertFalse(Files.readString(typescript).contains(password), "the password must not be echoed");
        }
        try (Stream<Path> files = Files.walk(run.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file).contains(password), "the password must not be kept in " + file);
            }
        }
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), temp.filter(p -> p.getFileName().toString().startsWith("matrix-migrate-become"))
                    .toList(), "the password file is removed when the run ends");
        }
    }
}
