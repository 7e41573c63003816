package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.server.limits.redis.TestRedis;
import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.SimulatorOptions;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import dev.meridian.testkit.ReadyProbe;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 7: three gateway processes (the real jar) on one PostgreSQL and the Redis at 127.0.0.1:6379, one
 * simulator upstream. 300 concurrent requests through all three at one key's budget never spend more than its
 * limit in total (read from the request log), and the rest are refused with 429 budget_exceeded; a key limited to 60
 * requests a minute admits 60 in total through the three, not 60 each.
 */
class LimitsAcrossReplicasIT {

    private static final double LIMIT_USD = 0.5;

    @TempDir
    Path home;

    private final Vertx vertx = Vertx.vertx();
    private final TestRedis redis = new TestRedis(vertx);
    private final List<Process> gateways = new ArrayList<>();
    private PostgresSchema schema;
    private ProviderSimulator sim;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void stop() throws Exception {
        gateways.forEach(Process::destroyForcibly);
        for (Process p : gateways) {
            p.waitFor();
        }
        if (sim != null) {
            sim.close();
        }
        if (schema != null) {
            schema.close();
        }
        redis.close();
        vertx.close();
    }

    @Test
    void threeReplicas_300ConcurrentRequests_neverSpendMoreThanTheBudget_andA60RpmKeyAdmits60InTotal()
            throws Exception {
        schema = PostgresSchema.create("t_limits");
        sim = ProviderSimulator.start(SimulatorOptions.defaults());
        int[] ports = {freePort(), freePort(), freePort()};
        start(0, ports[0]);
        String tenant = createTenant(ports[0]);
        JsonNode key = admin(ports[0], "/tenants/" + tenant + "/keys", "{\"name\":\"app\"}");
        String keyId = key.path("id").asText();
        admin(
                ports[0],
                "/tenants/" + tenant + "/budgets",
                "{\"scope\":\"key\",\"scope_id\":\"" + keyId + "\",\"period\":\"day\",\"limit_usd\":" + LIMIT_USD
                        + "}");
        // Budgets load at start: the others start once it exists.
        start(1, ports[1]);
        start(2, ports[2]);

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(chat(ports[i % 3], key.path("secret").asText()));
        }
        int served = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.join();
            if (r.statusCode() == 200) {
                served++;
                continue;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            assertThat(Json.parseTrusted(r.body()).path("error").path("code").asText())
                    .isEqualTo("budget_exceeded");
            refused++;
        }
        assertThat(served).isPositive();
        assertThat(refused)
                .as("300 requests cost more than the limit if all were served")
                .isPositive();

        int servedCalls = served;
        Poll.until(() -> logged(keyId)[0] == servedCalls, Duration.ofSeconds(20), "every answer is logged");
        double spent = logged(keyId)[1];
        assertThat(spent)
                .as("the real spend of %d answers", served)
                .isPositive()
                .isLessThanOrEqualTo(LIMIT_USD);

        String limited = admin(
                        ports[0],
                        "/tenants/" + tenant + "/keys",
                        "{\"name\":\"sixty\",\"rate_limits\":{\"requests_per_minute\":60}}")
                .path("secret")
                .asText();
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            burst.add(chat(ports[i % 3], limited));
        }
        int admitted = 0;
        for (CompletableFuture<HttpResponse<String>> c : burst) {
            HttpResponse<String> r = c.join();
            if (r.statusCode() == 200) {
                admitted++;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(r.headers().firstValue("retry-after")).isPresent();
            }
        }
        long elapsedSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
        // A bucket of 60 refills one request a second: 60 at once, plus what came back while the burst ran.
        assertThat(admitted)
                .as("admitted in %d s through three replicas; their limit logs: %s", elapsedSeconds, limitLogs())
                .isBetween(60, 60 + (int) elapsedSeconds + 1);
    }

    /** What the replicas logged about their limit counters (a fall back to local ones would explain a miscount). */
    private String limitLogs() throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < gateways.size(); i++) {
            for (String line : Files.readAllLines(home.resolve("replica-" + i).resolve("gateway.out"))) {
                if (line.toLowerCase(java.util.Locale.ROOT).contains("redis")) {
                    out.append("\n  replica ").append(i).append(": ").append(line);
                }
            }
        }
        return out.toString();
    }

    /** {rows answered 200, their summed cost in USD} of a key in the request log. */
    private double[] logged(String keyId) {
        try (Connection c = PostgresSchema.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*), coalesce(sum(cost_usd), 0) FROM "
                        + schema.name() + ".request_log WHERE key_id = ? AND status = 200")) {
            s.setString(1, keyId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new double[] {r.getLong(1), r.getDouble(2)};
            }
        } catch (Exception e) {
            throw new AssertionError("the request log could not be read: " + e, e);
        }
    }

    private String createTenant(int port) {
        String[] id = new String[1];
        Poll.until(
                () -> {
                    HttpResponse<String> r =
                            adminCall(port, "/tenants", "{\"name\":\"replicas\",\"plan\":\"enterprise\"}");
                    if (r.statusCode() == 201) {
                        id[0] = Json.parseTrusted(r.body()).path("id").asText();
                    }
                    return id[0] != null;
                },
                Duration.ofSeconds(30),
                "the database is open");
        return id[0];
    }

    private JsonNode admin(int port, String path, String body) {
        HttpResponse<String> r = adminCall(port, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.parseTrusted(r.body());
    }

    private HttpResponse<String> adminCall(int port, String path, String body) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/v1" + path))
                            .header("authorization", "Bearer " + KnownSecrets.ADMIN_KEY)
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the admin API did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private CompletableFuture<HttpResponse<String>> chat(int port, String secret) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + secret)
                        .header("content-type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"priced\",\"max_tokens\":10,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void start(int replica, int port) throws Exception {
        Path dir = Files.createDirectories(home.resolve("replica-" + replica));
        Path config = dir.resolve("meridian.yaml");
        Files.writeString(
                config,
                """
                server: {port: %d, eventLoops: 2, accessLog: false}
                auth:
                  adminKey: %s
                providers:
                  sim: {type: openai, baseUrl: %s/v1, apiKey: sim}
                models:
                  priced:
                    provider: sim
                    model: gpt-4o-mini
                    price: {input: 500, output: 500, cachedInput: 500}
                redis:
                  url: %s
                  keyPrefix: "%s"
                """.formatted(port, KnownSecrets.ADMIN_KEY, sim.baseUrl(), TestRedis.URL, redis.prefix())
                        + GatewayFixture.SINGLE_ATTEMPT
                        + schema.storageYaml(5432));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(
                        java.toString(),
                        "-Xmx256m",
                        "-jar",
                        Path.of("target", "meridian.jar").toAbsolutePath().toString(),
                        "serve",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.out").toFile());
        pb.environment().put("MERIDIAN_HOME", dir.toString());
        gateways.add(pb.start());
        try {
            Poll.until(() -> ReadyProbe.ready(port), Duration.ofSeconds(30), "replica " + replica + " is ready");
        } catch (AssertionError notStarted) {
            throw new AssertionError(
                    "replica " + replica + " did not start: " + Files.readString(dir.resolve("gateway.out")),
                    notStarted);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
