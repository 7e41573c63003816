package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.simulator.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PII handling through the real gateway and simulator: a blocked class is refused before anything leaves (the 400
 * names the class, never the value); masked values reach the provider only as placeholders, and the caller gets
 * its own values back in JSON answers, streams and tool-call arguments, from the provider and from the cache.
 */
class PiiMaskingIT {

    private static final String EMAIL = "jane.doe@corp.example";
    private static final String PHONE = "13812345678";
    private static final String CARD = "4111 1111 1111 1111";

    private static final String MODELS = """
              cached-gpt:
                provider: sim-openai
                model: gpt-4o-mini
                cache: {enabled: true, ttl: 1h}
            """;

    private static final String PII = """
            pii:
              enabled: true
              defaultAction: mask
              reversible: true
              actions:
                card: block
                ipv4: allow
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", MODELS, GatewayFixture.SINGLE_ATTEMPT + PII, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> chat(String body) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String userMessage(String model, String text, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":" + quoted(text) + "}]"
                + extra + "}";
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static RecordedRequest lastUpstream() {
        List<RecordedRequest> all = gateway.simulator().received();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    @Test
    void blockedClass_isRefusedWith400_namingTheClassNeverTheValue_andNothingLeaves() {
        int before = gateway.simulator().received().size();
        HttpResponse<String> r = chat(userMessage("gpt", "pay with " + CARD + " for " + EMAIL, ""));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("pii_blocked");
        assertThat(error.get("message").asText()).contains("card");
        assertThat(r.body()).doesNotContain("4111").doesNotContain(EMAIL);
        assertThat(gateway.simulator().received()).hasSize(before);
    }

    @Test
    void maskedValues_reachTheProviderAsPlaceholders_andComeBackInTheJsonAnswer() {
        HttpResponse<String> r = chat(userMessage("gpt", "Mail " + EMAIL + " or call " + PHONE + " from 10.0.0.1", ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String upstream = lastUpstream().bodyText();
        assertThat(upstream)
                .contains("Mail [EMAIL_1] or call [PHONE_CN_1] from 10.0.0.1")
                .doesNotContain(EMAIL)
                .doesNotContain(PHONE);
        String answer = json(r.body()).at("/choices/0/message/content").asText();
        assertThat(answer).contains("Mail " + EMAIL + " or call " + PHONE).doesNotContain("[EMAIL_1]");
    }

    @Test
    void aStreamedAnswer_getsTheValuesBack_whereverTheProviderSplitThePlaceholders() {
        HttpResponse<String> r = chat(userMessage("gpt", "Write to " + EMAIL + " and " + PHONE, ",\"stream\":true"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(lastUpstream().bodyText()).contains("[EMAIL_1]").doesNotContain(EMAIL);
        String text = CacheIT.text(CacheIT.events(r.body()));
        assertThat(text).contains("Write to " + EMAIL + " and " + PHONE).doesNotContain("[");
    }

    @Test
    void toolCallArguments_holdingAPlaceholder_areRestoredForTheCaller() {
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"send\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"to\":{\"const\":\"[EMAIL_1]\"}},\"required\":[\"to\"]}}}]";
        HttpResponse<String> complete = chat(userMessage("gpt", "send it to " + EMAIL, tools));
        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(200);
        String args = json(complete.body())
                .at("/choices/0/message/tool_calls/0/function/arguments")
                .asText();
        assertThat(json(args).get("to").asText()).isEqualTo(EMAIL);

        HttpResponse<String> streamed = chat(userMessage("gpt", "send it to " + EMAIL, tools + ",\"stream\":true"));
        StringBuilder streamedArgs = new StringBuilder();
        for (JsonNode e : CacheIT.events(streamed.body())) {
            streamedArgs.append(
                    e.at("/choices/0/delta/tool_calls/0/function/arguments").asText(""));
        }
        assertThat(json(streamedArgs.toString()).get("to").asText()).isEqualTo(EMAIL);
    }

    @Test
    void aCachedAnswer_storedMasked_isRestoredForTheCaller_inJsonAndAsAReplayedStream() {
        String body = userMessage(
                "cached-gpt", "cache pii " + EMAIL + " run " + java.util.UUID.randomUUID(), ",\"temperature\":0");
        HttpResponse<String> first = chat(body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-meridian-cache")).hasValue("stored");
        HttpResponse<String> hit = chat(body);
        assertThat(hit.headers().firstValue("x-meridian-cache")).hasValue("hit");
        assertThat(json(hit.body()).at("/choices/0/message/content").asText())
                .contains(EMAIL)
                .doesNotContain("[EMAIL_1]");
        HttpResponse<String> streamedHit = chat(body.substring(0, body.length() - 1) + ",\"stream\":true}");
        assertThat(streamedHit.headers().firstValue("x-meridian-cache")).hasValue("hit");
        assertThat(CacheIT.text(CacheIT.events(streamedHit.body())))
                .contains(EMAIL)
                .doesNotContain("[EMAIL_1]");
    }

    @Test
    void theRequestLog_keepsOnlyTheMaskedPromptAndCompletion_forATenantThatStoresBodies() throws Exception {
        AdminClient admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        String tenant = admin.post("/tenants", "{\"name\":\"pii-log\",\"plan\":\"enterprise\"}")
                .text("id");
        admin.patch("/tenants/" + tenant, "{\"store_bodies\":true}");
        String key =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}").text("secret");
        HttpResponse<String> r = gateway.send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(userMessage("gpt", "log " + EMAIL + " and " + PHONE, "")))
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains(EMAIL);
        String id = r.headers().firstValue("x-request-id").orElseThrow();
        dev.meridian.testkit.Poll.until(() -> admin.get("/requests/" + id).status() == 200, "the record arrives");
        JsonNode record = admin.get("/requests/" + id).json();
        assertThat(record.toString()).doesNotContain(EMAIL).doesNotContain(PHONE);
        assertThat(record.path("prompt").asText()).contains("log [EMAIL_1] and [PHONE_CN_1]");
        assertThat(record.path("completion").asText()).contains("[EMAIL_1]");
        try (var files = java.nio.file.Files.walk(gateway.home())) {
            for (java.nio.file.Path f :
                    files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String content =
                        new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(content).as(f.toString()).doesNotContain(EMAIL);
            }
        }
    }

    @Test
    void anthropicDoor_toAnAnthropicProvider_sendsTheMaskedForm_notTheCallersBytes() {
        HttpResponse<String> r = gateway.post(
                "/v1/messages",
                "{\"model\":\"claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"ping " + EMAIL
                        + "\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        RecordedRequest upstream = lastUpstream();
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.bodyText()).contains("ping [EMAIL_1]").doesNotContain(EMAIL);
        assertThat(json(r.body()).path("content").get(0).path("text").asText()).contains("ping " + EMAIL);
    }

    @Test
    void responsesDoor_masksUpstream_andRestoresTheCompleteAnswer() {
        HttpResponse<String> r =
                gateway.post("/v1/responses", "{\"model\":\"gpt\",\"store\":false,\"input\":\"hi " + EMAIL + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(lastUpstream().bodyText()).contains("hi [EMAIL_1]").doesNotContain(EMAIL);
        assertThat(r.body()).contains("hi " + EMAIL).doesNotContain("[EMAIL_1]");
    }
}
