package dev.meridian.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.SimulatorOptions;
import dev.meridian.testkit.Poll;
import dev.meridian.testkit.ReadyProbe;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request log survives the gateway being killed: the gateway (the real jar, as a separate process) is
 * killed with SIGKILL under load and started again on the same data directory; every request that got its
 * answer before the kill is in the log afterwards, none twice.
 */
class CrashRecoveryIT {

    private static final String KEY = "sk-crash-test-key";

    @TempDir
    Path home;

    private ProviderSimulator sim;
    private Process gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void killedUnderLoad_everyAnsweredRequestIsLoggedAfterRestart_noneTwice() throws Exception {
        sim = ProviderSimulator.start(SimulatorOptions.defaults());
        int port = freePort();
        Path config = home.resolve("meridian.yaml");
        Files.writeString(config, """
                server: {port: %d, eventLoops: 2, accessLog: false}
                auth:
                  apiKeys: [{name: crash, key: %s}]
                providers:
                  sim: {type: openai, baseUrl: %s/v1, apiKey: sim}
                models:
                  gpt: {provider: sim, model: gpt-4o-mini}
                routing:
                  healthChecks: {enabled: false}
                """.formatted(port, KEY, sim.baseUrl()));

        gateway = start(config, port);
        List<String> answered = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        CountDownLatch callers = new CountDownLatch(8);
        for (int c = 0; c < 8; c++) {
            Thread t = new Thread(() -> {
                while (loading.get()) {
                    try {
                        HttpResponse<String> r = http.send(chat(port), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 && r.body().contains("\"usage\"")) {
                            answered.add(r.headers().firstValue("x-request-id").orElseThrow());
                        }
                    } catch (IOException e) {
                        // Killed mid-request: that request had no answer.
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                callers.countDown();
            });
            t.setDaemon(true);
            t.start();
        }
        // A limit, not a requirement: kill after 300 answers, or after 20 s with however many there are.
        Poll.within(() -> answered.size() >= 300, Duration.ofSeconds(20), "300 requests are answered");
        gateway.destroyForcibly().waitFor();
        loading.set(false);
        callers.await();
        Set<String> answeredBeforeKill = new HashSet<>(answered);
        assertThat(answeredBeforeKill).hasSizeGreaterThan(100);

        gateway = start(config, port);
        List<String> logged = awaitLogged(answeredBeforeKill.size(), Duration.ofSeconds(30));

        assertThat(logged).doesNotHaveDuplicates();
        assertThat(new HashSet<>(logged)).containsAll(answeredBeforeKill);
    }

    private Process start(Path config, int port) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(
                        java.toString(),
                        "-jar",
                        Path.of("target", "meridian.jar").toAbsolutePath().toString(),
                        "serve",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("gateway.out").toFile());
        pb.environment().put("MERIDIAN_HOME", home.toString());
        Process p = pb.start();
        try {
            Poll.until(() -> ReadyProbe.ready(port), Duration.ofSeconds(30), "the gateway is ready");
        } catch (AssertionError notStarted) {
            throw new AssertionError(
                    "the gateway did not start: " + Files.readString(home.resolve("gateway.out")), notStarted);
        }
        return p;
    }

    private static HttpRequest chat(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    /** Every request id in the log (one per row), once at least {@code expected} rows are there. */
    private List<String> awaitLogged(int expected, Duration timeout) {
        String url = "jdbc:sqlite:" + home.resolve("meridian.db");
        AtomicReference<List<String>> logged = new AtomicReference<>();
        Poll.until(
                () -> {
                    List<String> ids = new ArrayList<>();
                    try (Connection c = DriverManager.getConnection(url);
                            Statement s = c.createStatement();
                            ResultSet r = s.executeQuery("SELECT request_id FROM request_log")) {
                        while (r.next()) {
                            ids.add(r.getString(1));
                        }
                    } catch (java.sql.SQLException notYet) {
                        // Not migrated yet, or busy.
                    }
                    logged.set(ids);
                    return ids.size() >= expected;
                },
                timeout,
                expected + " answered requests are in the log");
        return logged.get();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
