package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.meridian.server.e2e.AdminClient.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact response cache through the real gateway and simulator: a repeated request is answered from the cache
 * without reaching the provider, in JSON or as an SSE replay from the same entry; tenants never share an answer;
 * the caller's cache headers are honoured or refused; errors, cut streams and filtered answers are never stored.
 */
class CacheIT {

    /** $500 per 1M tokens, so every answer costs more than a tenth of a cent. */
    private static final String MODELS = """
              cached:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
                cache:
                  enabled: true
                  ttl: 1h
                  maxTemperature: 0.5
              per-key:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
                cache: {enabled: true, scope: key}
              cheap-cached:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 1, output: 1, cachedInput: 1}
                cache:
                  enabled: true
                  minCostUsd: 0.01
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayFixture gateway;
    private static AdminClient root;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", MODELS, GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A request no other test sends: the cache is shared by the whole class. */
    private static String request(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"cache test "
                + UUID.randomUUID() + "\"}],\"temperature\":0" + extra + "}";
    }

    private static HttpResponse<String> post(String body, String... headers) {
        return postAs(GatewayFixture.KEY, body, headers);
    }

    private static HttpResponse<String> postAs(String key, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return gateway.send(b.build());
    }

    private static String cacheHeader(HttpResponse<String> r) {
        return r.headers().firstValue("x-meridian-cache").orElse(null);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static int upstreamCalls() {
        return gateway.simulator().received().size();
    }

    @Test
    void repeatedRequest_isAnsweredFromTheCache_withoutReachingTheProvider() {
        String body = request("cached", "");
        HttpResponse<String> first = post(body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(cacheHeader(first)).isEqualTo("stored");
        int calls = upstreamCalls();

        HttpResponse<String> second = post(body);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(second)).isEqualTo("hit");
        assertThat(second.headers().firstValue("x-meridian-cache-age"))
                .hasValueSatisfying(age -> assertThat(Long.parseLong(age)).isBetween(0L, 5L));
        assertThat(second.headers().firstValue("x-meridian-cost-usd")).hasValue("0");
        assertThat(json(second.body())).isEqualTo(json(first.body()));
        assertThat(upstreamCalls()).isEqualTo(calls);
    }

    @Test
    void keyOrderWhitespaceUserAndStreamFlag_doNotChangeTheKey() {
        String body = request("cached", ",\"max_tokens\":40");
        assertThat(cacheHeader(post(body))).isEqualTo("stored");
        JsonNode tree = json(body);
        String reordered = "{ \"max_tokens\" : 40, \"user\": \"someone-else\", \"temperature\": 0.0,\n"
                + "  \"messages\": " + tree.get("messages") + ", \"model\": \"cached\" }";
        assertThat(cacheHeader(post(reordered))).isEqualTo("hit");
    }

    @Test
    void streamedAnswer_isStored_andReplaysAsSseToAStreamingCaller_andAsJsonToTheOthers() {
        String body = request("cached", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        HttpResponse<String> first = post(body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(cacheHeader(first)).isEqualTo("miss");
        String sent = text(events(first.body()));
        int calls = upstreamCalls();

        HttpResponse<String> replay = post(body);
        assertThat(cacheHeader(replay)).isEqualTo("hit");
        assertThat(replay.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<JsonNode> events = events(replay.body());
        assertThat(events.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(text(events)).isEqualTo(sent).isNotEmpty();
        assertThat(events)
                .anySatisfy(e ->
                        assertThat(e.at("/choices/0/finish_reason").asText()).isEqualTo("stop"));
        JsonNode usage = events.get(events.size() - 1);
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asLong()).isPositive();
        assertThat(replay.body()).endsWith("data: [DONE]\n\n");

        HttpResponse<String> noUsage = post(body.replace("{\"include_usage\":true}", "{\"include_usage\":false}"));
        assertThat(cacheHeader(noUsage)).isEqualTo("hit");
        assertThat(events(noUsage.body()))
                .noneSatisfy(e ->
                        assertThat(e.has("usage") && !e.get("usage").isNull()).isTrue());

        HttpResponse<String> asJson =
                post(body.replace(",\"stream\":true", "").replace(",\"stream_options\":{\"include_usage\":true}", ""));
        assertThat(cacheHeader(asJson)).isEqualTo("hit");
        assertThat(json(asJson.body()).at("/choices/0/message/content").asText())
                .isEqualTo(sent);
        assertThat(upstreamCalls()).isEqualTo(calls);
    }

    @Test
    void jsonAnswer_replaysToAStreamingCaller() {
        String body = request("cached", "");
        String content =
                json(post(body).body()).at("/choices/0/message/content").asText();
        HttpResponse<String> replay = post(body.replace("{\"model\"", "{\"stream\":true,\"model\""));
        assertThat(cacheHeader(replay)).isEqualTo("hit");
        assertThat(text(events(replay.body()))).isEqualTo(content);
    }

    @Test
    void oneTenantNeverReceivesAnotherTenantsAnswer() {
        String keyA = tenantKey("cache-a");
        String keyB = tenantKey("cache-b");
        String body = request("cached", "");
        HttpResponse<String> a = postAs(keyA, body);
        assertThat(cacheHeader(a)).isEqualTo("stored");
        assertThat(cacheHeader(postAs(keyA, body))).isEqualTo("hit");

        HttpResponse<String> b = postAs(keyB, body);
        assertThat(cacheHeader(b)).isEqualTo("stored");
        assertThat(json(b.body()).get("id")).isNotEqualTo(json(a.body()).get("id"));
        HttpResponse<String> config = post(body);
        assertThat(cacheHeader(config))
                .as("a configuration key has its own namespace")
                .isEqualTo("stored");
        assertThat(json(postAs(keyB, body).body()).get("id"))
                .isEqualTo(json(b.body()).get("id"));
    }

    @Test
    void scopeKey_keysOfOneTenantDoNotShare() {
        String tenant = ok(root.post(
                        "/tenants", "{\"name\":\"cache-scope-" + UUID.randomUUID() + "\",\"plan\":\"enterprise\"}"))
                .text("id");
        String first = ok(root.post("/tenants/" + tenant + "/keys", "{\"name\":\"one\"}"))
                .text("secret");
        String second = ok(root.post("/tenants/" + tenant + "/keys", "{\"name\":\"two\"}"))
                .text("secret");
        String body = request("per-key", "");
        assertThat(cacheHeader(postAs(first, body))).isEqualTo("stored");
        assertThat(cacheHeader(postAs(first, body))).isEqualTo("hit");
        assertThat(cacheHeader(postAs(second, body))).isEqualTo("stored");
    }

    private static Answer ok(Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return a;
    }

    private static String tenantKey(String name) {
        Answer t =
                root.post("/tenants", "{\"name\":\"" + name + "-" + UUID.randomUUID() + "\",\"plan\":\"enterprise\"}");
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        Answer k = root.post("/tenants/" + t.text("id") + "/keys", "{\"name\":\"k\"}");
        assertThat(k.status()).as(k.toString()).isEqualTo(201);
        return k.text("secret");
    }

    @Test
    void callerHeaders_skipTheLookupTheStoreOrBoth() {
        String body = request("cached", "");
        assertThat(cacheHeader(post(body, "x-meridian-cache", "no-store"))).isEqualTo("miss");
        assertThat(cacheHeader(post(body, "cache-control", "no-cache"))).isEqualTo("bypass");
        assertThat(cacheHeader(post(body))).as("nothing was stored").isEqualTo("stored");
        assertThat(cacheHeader(post(body, "x-meridian-cache", "no-cache"))).isEqualTo("bypass");
        assertThat(cacheHeader(post(body, "x-meridian-cache", "refresh"))).isEqualTo("stored");
        assertThat(cacheHeader(post(body, "cache-control", "no-store"))).isEqualTo("hit");
        assertThat(cacheHeader(post(body, "x-meridian-cache-ttl", "0")))
                .as("max age 0")
                .isEqualTo("miss");
    }

    @Test
    void unknownHeaderValue_is400NamingTheHeader() {
        HttpResponse<String> r = post(request("cached", ""), "x-meridian-cache", "maybe");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).at("/error/param").asText()).isEqualTo("x-meridian-cache");
        HttpResponse<String> ttl = post(request("cached", ""), "x-meridian-cache-ttl", "soon");
        assertThat(ttl.statusCode()).isEqualTo(400);
        assertThat(json(ttl.body()).at("/error/param").asText()).isEqualTo("x-meridian-cache-ttl");
    }

    @Test
    void temperatureAboveTheLimit_bypasses_unlessForced() {
        String hot = request("cached", "").replace("\"temperature\":0", "\"temperature\":0.9");
        assertThat(cacheHeader(post(hot))).isEqualTo("bypass");
        assertThat(cacheHeader(post(hot))).isEqualTo("bypass");
        assertThat(cacheHeader(post(hot, "x-meridian-cache", "force"))).isEqualTo("stored");
        assertThat(cacheHeader(post(hot, "x-meridian-cache", "force"))).isEqualTo("hit");
    }

    @Test
    void errorsCutStreamsFilteredAnswersAndToolCalls_areNeverStored() {
        for (String directive : List.of("[sim status=500]", "[sim safety]", "[sim tool=lookup]")) {
            String body = request("cached", "").replace("cache test", directive + " cache test");
            assertThat(cacheHeader(post(body))).as(directive).isEqualTo("miss");
            assertThat(cacheHeader(post(body))).as(directive).isEqualTo("miss");
        }
        String cut = request("cached", ",\"stream\":true").replace("cache test", "[sim cut_after=3] cache test");
        assertThat(cacheHeader(post(cut))).isEqualTo("miss");
        assertThat(cacheHeader(post(cut))).isEqualTo("miss");
    }

    @Test
    void answerCheaperThanTheMinimum_isNotStored() {
        String body = request("cheap-cached", "");
        assertThat(cacheHeader(post(body))).isEqualTo("miss");
        assertThat(cacheHeader(post(body))).isEqualTo("miss");
    }

    @Test
    void groupWithoutACachePolicy_saysNothingAboutTheCache() {
        HttpResponse<String> r = post(request("gpt", ""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(r)).isNull();
    }

    @Test
    void officialOpenAiSdk_readsAHitAsJsonAndAsAStream() {
        OpenAIClient client = gateway.openAi();
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model("cached")
                .temperature(0.0)
                .addUserMessage("sdk cache test " + UUID.randomUUID());
        ChatCompletion first = client.chat().completions().create(params.build());
        String content = first.choices().get(0).message().content().orElseThrow();
        int calls = upstreamCalls();

        ChatCompletion again = client.chat().completions().create(params.build());
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.choices().get(0).message().content()).hasValue(content);

        StringBuilder text = new StringBuilder();
        List<CompletionUsage> usages = new ArrayList<>();
        List<ChatCompletionChunk.Choice.FinishReason> finishes = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(params.streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> {
                    c.delta().content().ifPresent(text::append);
                    c.finishReason().ifPresent(finishes::add);
                });
                chunk.usage().ifPresent(usages::add);
            });
        }
        assertThat(text.toString()).isEqualTo(content);
        assertThat(finishes).containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(usages).hasSize(1);
        assertThat(usages.get(0).completionTokens())
                .isEqualTo(first.usage().orElseThrow().completionTokens());
        assertThat(upstreamCalls()).isEqualTo(calls);
    }

    /** The JSON of each data event but [DONE]. */
    static List<JsonNode> events(String sse) {
        List<JsonNode> out = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.startsWith("data: ") && !event.equals("data: [DONE]")) {
                out.add(json(event.substring("data: ".length())));
            }
        }
        return out;
    }

    static String text(List<JsonNode> events) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : events) {
            sb.append(e.at("/choices/0/delta/content").asText(""));
        }
        return sb.toString();
    }
}
