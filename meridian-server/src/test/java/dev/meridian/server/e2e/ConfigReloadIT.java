package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.config.ReloadStatus;
import dev.meridian.server.runtime.LiveConfig;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The configuration file changes while the gateway serves: a valid change (a new model group, a new price, a
 * provider removed) is in force for the next request while a stream already routed finishes on its old
 * deployment; an invalid one, or one changing a key read only at start, is refused whole, logged with every
 * problem, and the old configuration keeps serving.
 */
class ConfigReloadIT {

    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private GatewayFixture gateway;
    private AdminClient admin;
    private String original;

    @BeforeEach
    void start() throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(LiveConfig.class)).addAppender(log);
        gateway = GatewayFixture.startWith("", "", "", GatewayFixture.ADMIN_KEY);
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        original = Files.readString(gateway.configFile());
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(LiveConfig.class)).detachAppender(log);
        gateway.close();
    }

    @Test
    void aChangedFile_isInForceForTheNextRequest_newGroupNewPriceProviderGone() throws Exception {
        assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("fresh")).statusCode())
                .isEqualTo(404);

        Files.writeString(
                gateway.configFile(),
                withoutHasty(original)
                        .replace("models:\n", "models:\n  fresh:\n    provider: sim-openai\n    model: gpt-4o-mini\n")
                        .replace(
                                "    model: gpt-4o-mini\n  claude:",
                                "    model: gpt-4o-mini\n    price: {input: 100, output: 200}\n  claude:"));

        Poll.until(
                () -> gateway.post("/v1/chat/completions", CHAT.formatted("fresh"))
                                .statusCode()
                        == 200,
                "the file watch reloads the configuration and the new group serves");
        HttpResponse<String> priced = gateway.post("/v1/chat/completions", CHAT.formatted("gpt"));
        JsonNode usage = Json.read(priced.body()).path("usage");
        double expected = (usage.path("prompt_tokens").asLong() * 100.0
                        + usage.path("completion_tokens").asLong() * 200.0)
                / 1_000_000;
        assertThat(Double.parseDouble(
                        priced.headers().firstValue("x-meridian-cost-usd").orElseThrow()))
                .isCloseTo(expected, within(1e-9));
        JsonNode gptPrice = rows(admin.get("/prices").json()).stream()
                .filter(r -> r.path("model").asText().equals("gpt"))
                .findFirst()
                .orElseThrow();
        assertThat(gptPrice.path("source").asText()).isEqualTo("configuration");
        assertThat(gptPrice.path("price").path("input").asDouble()).isEqualTo(100.0);
        assertThat(rows(admin.get("/prices").json()))
                .noneMatch(r -> r.path("provider").asText().equals("sim-hasty"));
        assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("hasty")).statusCode())
                .isEqualTo(404);

        JsonNode status = admin.get("/config").json();
        assertThat(status.path("version").asLong()).isEqualTo(2);
        assertThat(status.path("last_reload").path("outcome").asText()).isEqualTo("applied");
        assertThat(status.path("last_reload").path("trigger").asText()).isEqualTo("file");
        assertThat(status.path("sha256").asText()).hasSize(64);
        assertThat(gateway.get("/metrics").body()).contains("meridian_config_reloads_total{outcome=\"applied\"} 1.0");
    }

    @Test
    void aStreamRoutedBeforeTheReload_finishesIntactOnTheRemovedProvider() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"hasty\",\"stream\":true,\"messages\":[{\"role\":"
                                + "\"user\",\"content\":\"a slow one [sim tokens=40 chunk_delay_ms=50]\"}]}"))
                .build();
        HttpResponse<Stream<String>> streaming = HttpClients.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(streaming.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(
                () -> streaming.body().filter(l -> l.startsWith("data: ")).collect(Collectors.toList()));

        Files.writeString(gateway.configFile(), withoutHasty(original));
        ReloadStatus.Reload reload = gateway.server().liveConfig().reload("test");

        assertThat(reload.outcome()).isEqualTo(ReloadStatus.Outcome.APPLIED);
        assertThat(lines).as("the stream is still running after the reload").isNotDone();
        assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("hasty")).statusCode())
                .isEqualTo(404);
        for (int i = 0; i < 4; i++) {
            // New connections reach every event loop: each calls a provider, and so retires sim-hasty's client
            // (the stream's among them), which must let the stream finish.
            assertThat(HttpClients.fresh(chat("gpt")).statusCode()).isEqualTo(200);
        }
        List<String> data = lines.get();
        assertThat(data.get(data.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(data.size()).as("every token arrived").isGreaterThan(40);
    }

    @Test
    void anInvalidFile_isRefusedWhole_withEveryProblem_andTheOldConfigurationServes() throws Exception {
        Files.writeString(
                gateway.configFile(),
                original.replace("models:\n", "models:\n  fresh:\n    provider: sim-openai\n    model: gpt-4o-mini\n")
                        .replace("    provider: sim-anthropic\n", "    provider: nowhere\n")
                        .replace(
                                "    apiVersion: \"2024-10-21\"\n", "    apiVersion: \"2024-10-21\"\n    wieght: 3\n"));

        ReloadStatus.Reload reload = gateway.server().liveConfig().reload("test");

        assertThat(reload.outcome()).isEqualTo(ReloadStatus.Outcome.REFUSED);
        assertThat(reload.problems()).hasSize(2);
        assertThat(reload.problems().get(0) + reload.problems().get(1))
                .contains("models.claude")
                .contains("nowhere")
                .contains("providers.sim-azure.wieght");
        String logged =
                log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        reload.problems().forEach(p -> assertThat(logged).contains("  - " + p));
        assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("fresh")).statusCode())
                .as("nothing of the refused file is in force")
                .isEqualTo(404);
        assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("claude"))
                        .statusCode())
                .isEqualTo(200);
        JsonNode status = admin.get("/config").json();
        assertThat(status.path("version").asLong()).isEqualTo(1);
        assertThat(status.path("last_reload").path("outcome").asText()).isEqualTo("refused");
        assertThat(status.path("last_reload").path("problems")).hasSize(2);
        assertThat(status.toString())
                .as("no secret of the file, old or new")
                .doesNotContain(KnownSecrets.OPENAI_KEY, KnownSecrets.AZURE_KEY, KnownSecrets.ANTHROPIC_KEY);
    }

    @Test
    void aChangedServerPort_isRefusedNamingIt() throws Exception {
        Files.writeString(
                gateway.configFile(),
                original.replace("  port: 0\n", "  port: 9999\n")
                        .replace("models:\n", "models:\n  fresh:\n    provider: sim-openai\n    model: gpt-4o-mini\n"));

        ReloadStatus.Reload reload = gateway.server().liveConfig().reload("test");

        assertThat(reload.outcome()).isEqualTo(ReloadStatus.Outcome.REFUSED);
        assertThat(reload.problems())
                .containsExactly("server.port cannot change without a restart (the file has a"
                        + " new value; the running gateway keeps its old one)");
        assertThat(gateway.post("/v1/chat/completions", CHAT.formatted("fresh")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theSameFileAgain_changesNothing() {
        ReloadStatus.Reload reload = gateway.server().liveConfig().reload("test");

        assertThat(reload.outcome()).isEqualTo(ReloadStatus.Outcome.UNCHANGED);
        assertThat(admin.get("/config").json().path("version").asLong()).isEqualTo(1);
    }

    private HttpRequest chat(String model) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT.formatted(model)))
                .build();
    }

    /** The file without the provider sim-hasty and its model group. */
    private static String withoutHasty(String yaml) {
        String without = yaml.replaceAll(
                        "  sim-hasty:\n    type: openai\n    baseUrl: .*\n    apiKey: .*\n    timeouts:\n"
                                + "      firstByte: 500ms\n      idle: 500ms\n",
                        "")
                .replace("  hasty:\n    provider: sim-hasty\n    model: gpt-4o-mini\n", "");
        assertThat(without).doesNotContain("hasty");
        return without;
    }

    private static List<JsonNode> rows(JsonNode list) {
        List<JsonNode> rows = new java.util.ArrayList<>();
        list.path("data").forEach(rows::add);
        return rows;
    }

    /** Jackson, as the tests read answers. */
    private static final class Json {
        static JsonNode read(String body) throws Exception {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        }
    }

    private static final class HttpClients {
        private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        static <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> h) throws Exception {
            return HTTP.send(r, h);
        }

        /** On a new client, so on a new connection. */
        static HttpResponse<String> fresh(HttpRequest r) throws Exception {
            return java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(r, HttpResponse.BodyHandlers.ofString());
        }
    }
}
