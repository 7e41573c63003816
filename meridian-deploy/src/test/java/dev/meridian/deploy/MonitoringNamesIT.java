package dev.meridian.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.meridian.testkit.Poll;
import dev.meridian.testkit.ReadyProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric that deploy/grafana's dashboards and deploy/prometheus' rules name is one a real gateway exports:
 * the built meridian.jar is started (demo providers, Redis for limits and the cache, alert channels), given
 * traffic of every kind the panels show, and its /metrics page is compared with the names in those files.
 */
class MonitoringNamesIT {
    private static final String KEY = "sk-deploy-monitoring-0123456789";
    private static final String ADMIN_KEY = "sk-deploy-monitoring-admin-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PREFIX = "meridian-deploy-it:" + UUID.randomUUID() + ":";

    @TempDir
    static Path home;

    static Process gateway;
    static HttpServer alertReceiver;
    static int port;

    @BeforeAll
    static void startGatewayWithTraffic() throws Exception {
        alertReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alertReceiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        alertReceiver.start();
        port = Commands.freePort();
        Path config = Files.writeString(home.resolve("meridian.yaml"), """
                demo: true
                auth:
                  adminKey: %s
                  apiKeys:
                    - name: monitoring
                      key: %s
                redis:
                  url: redis://127.0.0.1:6379
                  keyPrefix: "%s"
                cache:
                  keyPrefix: "%scache:"
                alerts:
                  channels:
                    ops:
                      type: webhook
                      url: http://127.0.0.1:%d/alerts
                      secret: deploy-monitoring-webhook-secret
                    unreachable:
                      type: webhook
                      url: http://127.0.0.1:1/alerts
                      secret: deploy-monitoring-webhook-secret
                providers:
                  broken:
                    type: openai-compatible
                    baseUrl: http://127.0.0.1:1/v1
                models:
                  cached:
                    provider: demo-openai
                    model: demo-gpt
                    cache: {enabled: true, ttl: 1h}
                  priced:
                    provider: demo-openai
                    model: demo-gpt
                    price: {input: 1000, output: 1000}
                  flaky:
                    provider: broken
                    model: anything
                    fallbacks:
                      any: [demo-gpt]
                """.formatted(
                ADMIN_KEY, KEY, PREFIX, PREFIX, alertReceiver.getAddress().getPort()));
        ProcessBuilder builder = new ProcessBuilder(
                        "java",
                        "-Xmx256m",
                        "-jar",
                        Commands.serverJar().toString(),
                        "serve",
                        "--config",
                        config.toString(),
                        "--port",
                        String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("gateway.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MERIDIAN_") || name.endsWith("_API_KEY"));
        builder.environment().put("MERIDIAN_HOME", home.resolve("data").toString());
        gateway = builder.start();
        Poll.until(() -> ReadyProbe.ready(port) || !gateway.isAlive(), Duration.ofSeconds(60), "gateway ready");
        assertThat(gateway.isAlive())
                .as(Files.readString(home.resolve("gateway.log")))
                .isTrue();

        for (String model : List.of("cached", "cached", "demo-gpt", "flaky", "no-such-model")) {
            post("/v1/chat/completions", KEY, chat(model, false));
        }
        post("/v1/chat/completions", KEY, chat("demo-claude", true));
        post("/v1/chat/completions", "sk-not-a-key-0123456789", chat("demo-gpt", false));
        post("/admin/v1/alerts/test", ADMIN_KEY, "{}");
        // A tenant with a budget, so that per-tenant cost and the budget's used-ratio gauge exist.
        String tenant =
                field(post("/admin/v1/tenants", ADMIN_KEY, "{\"name\":\"acme\",\"plan\":\"enterprise\"}"), "id");
        String secret = field(post("/admin/v1/tenants/" + tenant + "/keys", ADMIN_KEY, "{\"name\":\"app\"}"), "secret");
        post(
                "/admin/v1/tenants/" + tenant + "/budgets",
                ADMIN_KEY,
                "{\"scope\":\"tenant\",\"period\":\"month\",\"limit_usd\":100}");
        post("/v1/chat/completions", secret, chat("priced", false));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor();
        }
        if (alertReceiver != null) {
            alertReceiver.stop(0);
        }
        Commands.run(
                List.of("sh", "-c", "redis-cli --scan --pattern '" + PREFIX + "*' | xargs -r redis-cli del"), home);
    }

    @Test
    void everyMetricTheDashboardsAndAlertRulesNameIsExportedByTheGateway() throws Exception {
        Map<String, String> named = MonitoredNames.named(Commands.deployDir());
        assertThat(named).as("names found in the dashboards and rules").hasSizeGreaterThan(20);
        Map<String, String> missing = new TreeMap<>();
        boolean allExported = Poll.within(
                () -> {
                    Set<String> exported = MonitoredNames.exported(metrics());
                    missing.clear();
                    named.forEach((name, where) -> {
                        if (!exported.contains(name)) {
                            missing.put(name, where);
                        }
                    });
                    return missing.isEmpty();
                },
                Duration.ofSeconds(20),
                "every monitored name exported");
        assertThat(allExported)
                .as("named but not exported (name=where): " + missing)
                .isTrue();
    }

    @Test
    void aNameTheGatewayDoesNotExportIsCaught() {
        Set<String> exported = MonitoredNames.exported("""
                # HELP meridian_requests_total requests
                # TYPE meridian_requests_total counter
                meridian_requests_total{status="200"} 3.0
                meridian_request_duration_seconds_bucket{le="0.1"} 1.0
                """);
        assertThat(exported)
                .containsExactlyInAnyOrder("meridian_requests_total", "meridian_request_duration_seconds_bucket")
                .doesNotContain("meridian_request_duration_seconds");
    }

    private static String chat(String model, boolean stream) {
        return """
                {"model": "%s", "stream": %s, "messages": [{"role": "user", "content": "Hello"}]}""".formatted(model, stream);
    }

    private static String post(String path, String key, String body) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String metrics() {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
