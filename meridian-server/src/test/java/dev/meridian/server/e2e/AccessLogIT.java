package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One structured line per request, with what operators need and nothing secret or private. */
class AccessLogIT {

    @Test
    void accessLog_oneJsonLinePerRequest_withoutKeysOrPrompts() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("meridian.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try (GatewayFixture gateway = GatewayFixture.start()) {
            HttpResponse<String> ok = gateway.post(
                    "/v1/chat/completions",
                    "{\"model\":\"claude\",\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"my secret prompt text\"}]}");
            HttpResponse<String> failed = gateway.post(
                    "/v1/chat/completions",
                    "{\"model\":\"gpt\",\"messages\":" + "[{\"role\":\"user\",\"content\":\"x [sim status=503]\"}]}");
            Poll.until(() -> lines.list.size() >= 2, Duration.ofSeconds(5), "both requests are in the access log");
            assertThat(lines.list).hasSize(2);

            JsonNode first = Json.parseTrusted(lines.list.get(0).getFormattedMessage());
            assertThat(first.get("request_id").asText())
                    .isEqualTo(ok.headers().firstValue("x-request-id").orElseThrow());
            assertThat(first.get("status").asInt()).isEqualTo(200);
            assertThat(first.get("key").asText()).isEqualTo("tests");
            assertThat(first.get("model").asText()).isEqualTo("claude");
            assertThat(first.get("provider").asText()).isEqualTo("sim-anthropic");
            assertThat(first.get("upstream_model").asText()).isEqualTo("claude-sonnet-4-5");
            assertThat(first.get("input_tokens").asLong()).isPositive();
            assertThat(first.get("duration_ms").asDouble()).isPositive();

            JsonNode second = Json.parseTrusted(lines.list.get(1).getFormattedMessage());
            assertThat(second.get("status").asInt())
                    .isEqualTo(failed.statusCode())
                    .isEqualTo(502);
            assertThat(second.get("error_code").asText()).isEqualTo("upstream_error");
            assertThat(second.get("error_provider").asText()).isEqualTo("sim-openai");

            String all =
                    lines.list.get(0).getFormattedMessage() + lines.list.get(1).getFormattedMessage();
            assertThat(all)
                    .doesNotContain(GatewayFixture.KEY)
                    .doesNotContain(KnownSecrets.OPENAI_KEY)
                    .doesNotContain("my secret prompt text")
                    .doesNotContain("Simulated reply");
        } finally {
            access.detachAppender(lines);
        }
    }

    @Test
    void virtualKeyRequests_nameTenantAndKeyIds_andAdminCallsAreLogged_withoutSecrets() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("meridian.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try (GatewayFixture gateway = GatewayFixture.startWithAdminKey()) {
            AdminClient admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
            String tenant = admin.post("/tenants", "{\"name\":\"logged\",\"plan\":\"enterprise\"}")
                    .text("id");
            AdminClient.Answer key = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"ci\"}");
            String secret = key.text("secret");
            assertThat(admin.chat(secret, "gpt").status()).isEqualTo(200);
            Poll.until(() -> lines.list.size() >= 3, Duration.ofSeconds(5), "two admin calls and a chat are logged");

            JsonNode createKey = Json.parseTrusted(lines.list.get(1).getFormattedMessage());
            assertThat(createKey.get("operation").asText()).isEqualTo("admin");
            assertThat(createKey.get("method").asText()).isEqualTo("POST");
            assertThat(createKey.get("path").asText()).isEqualTo("/admin/v1/tenants/" + tenant + "/keys");
            assertThat(createKey.get("status").asInt()).isEqualTo(201);
            assertThat(createKey.get("request_id").asText()).isNotBlank();
            JsonNode chat = Json.parseTrusted(lines.list.get(2).getFormattedMessage());
            assertThat(chat.get("key").asText()).isEqualTo("ci");
            assertThat(chat.get("tenant_id").asText()).isEqualTo(tenant);
            assertThat(chat.get("key_id").asText()).isEqualTo(key.text("id"));
            assertThat(lines.list.stream().map(ILoggingEvent::getFormattedMessage))
                    .noneMatch(line -> line.contains(secret) || line.contains(GatewayFixture.ADMIN_KEY));
        } finally {
            access.detachAppender(lines);
        }
    }
}
