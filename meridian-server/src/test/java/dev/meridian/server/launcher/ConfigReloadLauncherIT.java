package dev.meridian.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.SimulatorOptions;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway process reloads its configuration file on SIGHUP (the JVM's default would stop it): a valid
 * file is in force at once; one that changes {@code server.port}, or has mistakes, is refused whole with every
 * problem logged, and the gateway keeps serving its old configuration.
 */
class ConfigReloadLauncherIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path home;

    @Test
    void sighup_appliesAValidFile_andRefusesAPortChangeOrMistakesWhole() throws Exception {
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorOptions.defaults())) {
            int port = freePort();
            Path file = home.resolve("meridian.yaml");
            Files.writeString(file, config(port, sim.baseUrl(), "first"));
            Process gateway = serve(file, port);
            try {
                assertThat(models(port)).contains("\"first\"").doesNotContain("\"second\"");

                Files.writeString(file, config(port, sim.baseUrl(), "first", "second"));
                hangUp(gateway);
                assertThat(Poll.within(
                                () -> models(port).contains("\"second\""),
                                java.time.Duration.ofSeconds(10),
                                "SIGHUP puts the new group in force"))
                        .as("SIGHUP puts the new group in force; the gateway's output:%n%s", log())
                        .isTrue();
                // The route table is swapped before the line is logged, so the line may trail the new model.
                Poll.until(() -> log().contains("configuration reloaded (sighup)"), "the reload is logged");

                Files.writeString(file, config(port + 1, sim.baseUrl(), "first", "second", "third"));
                hangUp(gateway);
                Poll.until(
                        () -> log().contains("server.port cannot change without a restart"),
                        "the port change is refused, named");
                assertThat(models(port)).as("refused whole").doesNotContain("\"third\"");

                Files.writeString(
                        file,
                        config(port, sim.baseUrl(), "first", "second", "third")
                                .replace("  third:\n    provider: sim\n", "  third:\n    provider: nowhere\n")
                                .replace("    type: openai\n", "    type: openai\n    colour: blue\n"));
                hangUp(gateway);
                Poll.until(
                        () -> log().contains("models.third.provider: no provider named 'nowhere'"),
                        "the first mistake is logged");
                assertThat(log()).contains("providers.sim.colour: unknown key");
                assertThat(models(port)).doesNotContain("\"third\"");
                assertThat(gateway.isAlive()).isTrue();
                assertThat(log()).doesNotContain(KnownSecrets.OPENAI_KEY);
            } finally {
                gateway.destroy();
                assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void startedWithSighupIgnored_asUnderNohup_saysSighupWillNotReload_andKeepsServingThroughOne() throws Exception {
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorOptions.defaults())) {
            int port = freePort();
            Path file = home.resolve("meridian.yaml");
            Files.writeString(file, config(port, sim.baseUrl(), "first"));
            Process gateway = LauncherProcess.ready(
                    LauncherProcess.startIgnoringHangUp(home, Map.of(), "serve", "--config", file.toString()),
                    home,
                    port);
            try {
                assertThat(log())
                        .contains("SIGHUP is ignored in this process (started under nohup, or by a parent that"
                                + " ignores it): it will not reload the configuration");

                Files.writeString(file, config(port, sim.baseUrl(), "first", "second"));
                hangUp(gateway);

                assertThat(models(port)).contains("\"first\"").doesNotContain("\"second\"");
                assertThat(gateway.isAlive()).isTrue();
            } finally {
                gateway.destroy();
                assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static String config(int port, String simUrl, String... groups) {
        StringBuilder models = new StringBuilder();
        for (String g : groups) {
            models.append("  ").append(g).append(":\n    provider: sim\n    model: gpt-4o-mini\n");
        }
        return """
                server:
                  port: %d
                  host: 127.0.0.1
                  configWatchInterval: 0s
                auth:
                  apiKeys:
                    - name: tests
                      key: %s
                providers:
                  sim:
                    type: openai
                    baseUrl: %s/v1
                    apiKey: %s
                models:
                %s""".formatted(port, KnownSecrets.CALLER_KEY, simUrl, KnownSecrets.OPENAI_KEY, models);
    }

    private String models(int port) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"))
                                    .header("authorization", "Bearer " + KnownSecrets.CALLER_KEY)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log() {
        try {
            return Files.readString(home.resolve("launcher.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code kill -HUP} does; the launcher execs the JVM, so the process is the JVM. */
    private static void hangUp(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private Process serve(Path file, int port) throws Exception {
        return LauncherProcess.startReady(home, Map.of(), port, "serve", "--config", file.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
