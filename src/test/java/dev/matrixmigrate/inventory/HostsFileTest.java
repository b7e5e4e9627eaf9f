package dev.matrixmigrate.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostsFileTest {
    private static final String EXISTING = """
            # my servers
            [web]
            www1 ansible_host=10.0.0.1

            [matrix_servers]
            # the old one
            matrix.old.org ansible_host=192.0.2.1 ansible_ssh_user=root   # keep me

            [matrix_servers:vars]
            ansible_python_interpreter=/usr/bin/python3
            """;

    @Test
    void insertsAfterTheLastHostOfTheSectionAndKeepsEveryOtherByte() {
        HostsFile file = HostsFile.parse(EXISTING);
        String result = file.withHost("matrix_servers", HostLine.parse("matrix.new.org ansible_host=192.0.2.2")).text();
        assertEquals(EXISTING.replace("# keep me\n", "# keep me\nmatrix.new.org ansible_host=192.0.2.2\n"), result);
    }

    @Test
    void replacesOnlyTheLineOfTheSameHost() {
        HostsFile file = HostsFile.parse(EXISTING);
        HostLine old = file.host("matrix_servers", "matrix.old.org").orElseThrow();
        HostLine moved = old.with("ansible_host", "198.51.100.7").with("ansible_port", "2222");
        String result = file.withHost("matrix_servers", moved).text();
        assertEquals(EXISTING.replace("ansible_host=192.0.2.1 ansible_ssh_user=root   # keep me",
                "ansible_host=198.51.100.7 ansible_ssh_user=root ansible_port=2222 # keep me"), result);
    }

    @Test
    void keepsWindowsLineEndingsAndAFileWithoutFinalNewline() {
        String crlf = "[matrix_servers]\r\nmatrix.a.org ansible_host=1.1.1.1";
        String result = HostsFile.parse(crlf).withHost("matrix_servers", HostLine.of("matrix.b.org")).text();
        assertEquals("[matrix_servers]\r\nmatrix.a.org ansible_host=1.1.1.1\r\nmatrix.b.org\r\n", result);
    }

    @Test
    void anEmptySectionGetsTheHostRightAfterItsHeader() {
        String text = "[matrix_servers]\n\n[other]\nx\n";
        assertEquals("[matrix_servers]\nmatrix.a.org\n\n[other]\nx\n",
                HostsFile.parse(text).withHost("matrix_servers", HostLine.of("matrix.a.org")).text());
    }

    @Test
    void seesSectionsAndHostsButNotVarsSections() {
        HostsFile file = HostsFile.parse(EXISTING);
        assertTrue(file.hasSection("matrix_servers"));
        assertFalse(file.hasSection("matrix"));
        assertEquals(1, file.hosts("matrix_servers").size());
        assertEquals("root", file.host("matrix_servers", "matrix.old.org").orElseThrow().value("ansible_ssh_user")
                .orElseThrow());
    }

    @Test
    void quotedValuesWithSpacesStayOneVariable() {
        HostLine line = HostLine.parse("h ansible_ssh_common_args='-o ProxyJump=jump' ansible_port=2");
        assertEquals("'-o ProxyJump=jump'", line.value("ansible_ssh_common_args").orElseThrow());
        assertEquals("h ansible_ssh_common_args='-o ProxyJump=jump' ansible_port=3",
                line.with("ansible_port", "3").render());
    }
}
