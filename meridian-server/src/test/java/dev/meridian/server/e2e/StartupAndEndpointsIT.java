package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.server.MeridianServer;
import dev.meridian.server.routing.ModelGroup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Starting on the embedded default (demo and real keys), the side endpoints, and both ways to present a key. */
class StartupAndEndpointsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void demoMode_withNoProviderKey_servesDemoModelsWithAGeneratedKeyPrintedOnce() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int port = freePort();
        try (MeridianServer server = MeridianServer.start(new MeridianServer.Options(
                null,
                null,
                Map.of("MERIDIAN_PORT", String.valueOf(port), "MERIDIAN_HOME", tempHome())::get,
                new PrintStream(console, true, StandardCharsets.UTF_8)))) {
            String banner = console.toString(StandardCharsets.UTF_8);
            assertThat(server.port()).as("MERIDIAN_PORT").isEqualTo(port);
            assertThat(banner).contains("DEMO").contains("demo-gpt, demo-claude, demo-gemini, demo-embedding");
            assertThat(banner)
                    .as("where it listens: all interfaces by default")
                    .contains("http://0.0.0.0:" + port + "/v1 (all interfaces; from this machine: http://localhost:"
                            + port + "/v1)")
                    .doesNotContain("endpoint: http://127.0.0.1");
            Matcher key = Pattern.compile("sk-mer-[0-9a-f]{48}").matcher(banner);
            assertThat(key.find()).isTrue();
            assertThat(banner.indexOf(key.group(), key.end()))
                    .as("printed once")
                    .isEqualTo(-1);

            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                            .header("authorization", "Bearer " + key.group())
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"demo-claude\",\"messages\":"
                                    + "[{\"role\":\"user\",\"content\":\"Hello!\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Hello!");
        }
    }

    @Test
    void embeddedDefault_configuresAProviderPerKeyPresent() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (MeridianServer server = MeridianServer.start(new MeridianServer.Options(
                null,
                0,
                "127.0.0.1",
                Map.of(
                        "ANTHROPIC_API_KEY",
                        "sk-ant-test",
                        "DEEPSEEK_API_KEY",
                        "sk-ds-test",
                        "MERIDIAN_API_KEY",
                        "sk-chosen-key",
                        "HTTPS_PROXY",
                        "http://proxy.corp:3128",
                        "MERIDIAN_HOME",
                        tempHome())::get,
                new PrintStream(console, true, StandardCharsets.UTF_8)))) {
            assertThat(server.runtime().routes().groups())
                    .extracting(ModelGroup::name)
                    .contains("claude-sonnet-4-5", "deepseek-chat")
                    .doesNotContain("gpt-4o", "demo-gpt");
            assertThat(server.runtime()
                            .routes()
                            .group("deepseek-chat")
                            .deployments()
                            .get(0)
                            .target()
                            .provider()
                            .config()
                            .proxy()
                            .url())
                    .isEqualTo("http://proxy.corp:3128");
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .as("--host 127.0.0.1: the banner names that address alone")
                    .contains("OpenAI-compatible endpoint: http://127.0.0.1:" + server.port() + "/v1\n");
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("providers: anthropic, deepseek")
                    .doesNotContain("sk-chosen-key")
                    .doesNotContain("sk-ant-test");
            assertThat(server.runtime()
                            .authenticator()
                            .authenticate("sk-chosen-key")
                            .result())
                    .isNotNull();
        }
    }

    @Test
    void models_listsThePublicNames_andNeedsAKey() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start()) {
            HttpResponse<String> r = gateway.get("/v1/models");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode list = Json.parseTrusted(r.body());
            assertThat(list.get("object").asText()).isEqualTo("list");
            assertThat(list.get("data").findValuesAsText("id")).contains("gpt", "claude", "gemini", "embed-openai");
            assertThat(list.get("data").get(0).get("object").asText()).isEqualTo("model");

            HttpResponse<String> anonymous = http.send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void xApiKeyHeader_authenticatesLikeBearer() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start()) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                            .header("x-api-key", GatewayFixture.KEY)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"gpt\",\"messages\":" + "[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void health_liveAndReady() throws Exception {
        try (GatewayFixture gateway = GatewayFixture.start()) {
            HttpResponse<String> live = http.send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health/live"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("READY");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aDatabaseMigratedByANewerMeridian_stopsTheGateway_withBothVersionsNamed() throws Exception {
        String home = tempHome();
        java.nio.file.Path file = java.nio.file.Path.of(home, "meridian.db");
        dev.meridian.store.Database.open(new dev.meridian.store.DatabaseConfig("jdbc:sqlite:" + file, null, null, 1))
                .close();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '999', 'from the future', 'SQL',"
                    + " 'V999__from_the_future.sql', 0, 'test', 0, 1)");
            // A migration older code cannot run against: it admits only builds that know it.
            st.executeUpdate("UPDATE schema_compat SET oldest_code = 999 WHERE id = 1");
        }

        try (MeridianServer server = MeridianServer.start(new MeridianServer.Options(
                null,
                0,
                Map.of("MERIDIAN_HOME", home)::get,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))) {
            Throwable reason = server.fatal()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(reason)
                    .hasMessageContaining("Database schema version 999 is newer than the newest migration")
                    .hasMessageMatching("(?s).*\\(version \\d+\\) and admits only code from version 999.*");
            assertThat(server.runtime().ready()).as("stops taking traffic").isFalse();
        }
    }

    private static String tempHome() {
        try {
            return java.nio.file.Files.createTempDirectory("meridian-home").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
