package dev.matrixmigrate.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import dev.matrixmigrate.config.DnsProvider;
import dev.matrixmigrate.config.NameServer;
import dev.matrixmigrate.dns.DnsAnswer;
import dev.matrixmigrate.dns.DnsChanges;
import dev.matrixmigrate.dns.DnsSurvey;
import dev.matrixmigrate.facts.PlaybookValues;
import dev.matrixmigrate.playbook.PlanFiles;
import dev.matrixmigrate.playbook.RemotePaths;
import dev.matrixmigrate.render.TemplateRenderer;
import dev.matrixmigrate.support.Fixtures;
import dev.matrixmigrate.support.Golden;
import dev.matrixmigrate.support.Programs;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated DNS plays of each provider: as the golden files, and valid for Ansible and ansible-lint. */
class DnsPlayTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DnsProvider.class, names = {"RFC2136", "CLOUDFLARE"})
    void thePlayIsAsTheGoldenFileAndPassesSyntaxCheckAndAnsibleLint(DnsProvider provider) throws Exception {
        PlanBuilder.PlayModel model = new PlanBuilder.PlayModel("matrix.example.com", values(), PlanBuilder.OLD_GROUP,
                PlanBuilder.NEW_GROUP, "matrix_servers", false, "RUNID", PlanBuilder.RSYNC_OPTIONS, PlanBuilder.SSH_OPTIONS,
                dev.matrixmigrate.playbook.RemotePaths.runDir("RUNID"), "auto", "auto", false);
        String play = TemplateRenderer.builtIn().sharing("files", PlanFiles.class)
                .render("plan/dns-" + provider.label() + ".yml.ftl", model);
        Golden.assertMatches("plan/dns-" + provider.label() + ".yml", play);
        DnsChanges changes = new DnsChanges(provider, Optional.of(Path.of("/root/dns.secret")),
                new NameServer("192.0.2.53", 53), List.of(new NameServer("192.0.2.53", 53)), Duration.ofSeconds(60),
                DnsChanges.of(List.of(new DnsSurvey.MovingName("matrix.example.com", Optional.of("example.com"),
                        List.of(new DnsAnswer("matrix.example.com", "A", "192.0.2.10", 300)),
                        List.of(new DnsAnswer("matrix.example.com", "A", "192.0.2.10", 300)))),
                        List.of(InetAddress.getByName("198.51.100.20"), InetAddress.getByName("2001:db8::20")),
                        Duration.ofSeconds(300)));
        Golden.assertMatches("plan/dns-changes-" + provider.label() + ".yml", changes.yaml());
        Files.writeString(dir.resolve(PlanFiles.DNS), play);
        Files.writeString(dir.resolve(PlanFiles.DNS_CHANGES), changes.yaml());
        Programs.ok(dir, "ansible-playbook", "--syntax-check", "-i", "localhost,", PlanFiles.DNS,
                "--extra-vars=@" + PlanFiles.DNS_CHANGES, "--extra-vars=matrix_migrate_dns_to=new");
        String report = Programs.ok(dir, "ansible-lint", "--offline", "--nocolor", "--profile", "production", PlanFiles.DNS);
        assertFalse(report.contains("violation"), report);
    }

    /** The DNS plays read none of the playbook's values: any valid set does. */
    private static PlaybookValues values() {
        return new PlaybookValues("matrix.example.com", Fixtures.requiredPlaybookValues());
    }
}
