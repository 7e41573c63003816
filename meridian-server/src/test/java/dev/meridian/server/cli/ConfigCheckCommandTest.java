package dev.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.config.AlertsConfigTest;
import dev.meridian.server.config.ConfigProblemsTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckCommandTest {

    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void check_validFile_exitsZeroAndSummarises() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), """
                providers:
                  local:
                    type: openai-compatible
                    baseUrl: http://127.0.0.1:11434/v1
                models:
                  llama:
                    provider: local
                    model: llama3.1
                """);
        CommandRun r = run("config", "check", "--config", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("is valid: 1 provider(s), 1 model(s), port 8080");
    }

    @Test
    void check_invalidFile_exitsTwoNamingEveryBadKey() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                server:
                  prot: 80
                """);
        CommandRun r = run("config", "check", "--config", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("server.prot: unknown key");
    }

    @Test
    void check_fileWithNineMistakes_reportsAllNineInOneRun() throws Exception {
        Path file = Files.writeString(dir.resolve("nine.yaml"), ConfigProblemsTest.NINE_MISTAKES);

        CommandRun r = run("config", "check", "--config", file.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> l.startsWith("  - "))).hasSize(9);
        for (String problem : ConfigProblemsTest.NINE_PROBLEMS) {
            assertThat(r.err()).contains("  - " + problem);
        }
        assertThat(r.err()).doesNotContain("Cannot deserialize").doesNotContain("java.");
    }

    @Test
    void check_badAlertChannels_reportsEachWithoutEchoingSecrets() throws Exception {
        Path file = Files.writeString(dir.resolve("alerts.yaml"), AlertsConfigTest.BAD_ALERTS);

        CommandRun r = run("config", "check", "--config", file.toString());

        assertThat(r.exit()).isEqualTo(2);
        for (String problem : AlertsConfigTest.BAD_ALERT_PROBLEMS) {
            assertThat(r.err()).contains("  - " + problem);
        }
        assertThat(r.err() + r.out())
                .doesNotContain("short-secret")
                .doesNotContain("sekret-token")
                .doesNotContain("hunter2");
    }

    @Test
    void check_validAlerts_countsTheChannels() throws Exception {
        Path file = Files.writeString(dir.resolve("alerts-ok.yaml"), """
                alerts:
                  channels:
                    ops: {type: slack, url: "https://hooks.slack.com/services/T0/B0/x"}
                    hook: {type: webhook, url: "https://example.com/in", secret: "0123456789abcdef0123"}
                """);

        CommandRun r = run("config", "check", "--config", file.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(", 2 alert channel(s), port 8080");
    }

    @Test
    void check_autoWithoutConfiguredCandidates_warnsButPasses() throws Exception {
        Path file = Files.writeString(dir.resolve("auto.yaml"), """
                providers:
                  local: {type: openai-compatible, baseUrl: "http://127.0.0.1:11434/v1"}
                models:
                  llama: {provider: local, model: llama3.1}
                """);

        CommandRun r = run("config", "check", "--config", file.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Warning: auto: none of its candidate models")
                .contains("is valid: 1 provider(s), 1 model(s), port 8080; 1 warning(s) above.");
    }

    @Test
    void check_demoTrue_countsTheDemoModels_andAutoHasCandidates() throws Exception {
        Path file = Files.writeString(dir.resolve("demo.yaml"), "demo: true\n");

        CommandRun r = run("config", "check", "--config", file.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .doesNotContain("Warning")
                .contains("is valid: 3 provider(s), 4 model(s) (demo models included), port 8080.");
    }

    @Test
    void check_missingFile_exitsTwo() {
        CommandRun r =
                run("config", "check", "--config", dir.resolve("absent.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void serve_isTheDefaultCommand() {
        assertThat(MeridianCommand.withDefaultCommand(new String[0])).containsExactly("serve");
        assertThat(MeridianCommand.withDefaultCommand(new String[] {"--port", "9090"}))
                .containsExactly("serve", "--port", "9090");
        assertThat(MeridianCommand.withDefaultCommand(new String[] {"config", "check"}))
                .containsExactly("config", "check");
        assertThat(MeridianCommand.withDefaultCommand(new String[] {"--version"}))
                .containsExactly("--version");
    }

    @Test
    void version_andHelp() {
        assertThat(run("--version").out()).startsWith("meridian ");
        assertThat(run("--help").out()).contains("serve").contains("config");
    }
}
