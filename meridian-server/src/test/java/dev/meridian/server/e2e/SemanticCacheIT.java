package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.simulator.RecordedRequest;
import dev.meridian.testkit.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache through the real gateway, with the simulator as upstream for the chat and for the embeddings
 * (whose vectors put texts sharing most words close together): a near-duplicate prompt is answered from the cache,
 * as JSON or as an SSE replay; a prompt below the threshold, one differing in another field, or the same one from
 * another tenant is not; an expired or purged answer is never served; the embedding call is accounted as a request
 * of its own.
 */
class SemanticCacheIT {

    private static final String MODELS = """
              semantic:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
                cache:
                  enabled: true
                  ttl: 1h
                  semantic: {enabled: true, embeddingModel: embed-openai, threshold: 0.9}
              semantic-short:
                provider: sim-openai
                model: gpt-4o-mini
                price: {input: 500, output: 500, cachedInput: 500}
                cache:
                  enabled: true
                  ttl: 2s
                  semantic: {enabled: true, embeddingModel: embed-openai, threshold: 0.9, dimensions: 256}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTRIES =
            Pattern.compile("meridian_cache_semantic_entries\\{model=\"([^\"]+)\",?} ([0-9.E+-]+)");
    private static GatewayFixture gateway;
    private static AdminClient root;
    private static String tenantA;
    private static String keyA;
    private static String keyB;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", MODELS, GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenantA = created(root.post("/tenants", "{\"name\":\"semantic-a\",\"plan\":\"enterprise\"}"))
                .text("id");
        keyA = created(root.post("/tenants/" + tenantA + "/keys", "{\"name\":\"a\"}"))
                .text("secret");
        String tenantB = created(root.post("/tenants", "{\"name\":\"semantic-b\",\"plan\":\"enterprise\"}"))
                .text("id");
        keyB = created(root.post("/tenants/" + tenantB + "/keys", "{\"name\":\"b\"}"))
                .text("secret");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Answer created(Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return a;
    }

    /** Ten words no other test uses: prompts of different tests are nearly orthogonal. */
    private static List<String> words() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            words.add("w" + UUID.randomUUID().toString().substring(0, 8));
        }
        return words;
    }

    private static String prompt(List<String> words) {
        return String.join(" ", words);
    }

    private static String body(String model, String prompt, String extra) {
        return "{\"model\":\"" + model + "\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + "\"}]" + extra + "}";
    }

    private static HttpResponse<String> chat(String key, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = gateway.send(b.build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String cache(HttpResponse<String> r) {
        return r.headers().firstValue("x-meridian-cache").orElse(null);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static double indexed(String model) {
        Matcher m = ENTRIES.matcher(gateway.get("/metrics").body());
        while (m.find()) {
            if (m.group(1).equals(model)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    /**
     * Stores the answer to the prompt of {@code words} and waits until the prompt is searchable (within the index's
     * refresh interval): until its near-duplicate, without a word, hits. The probes store nothing ({@code no-store}).
     */
    private static HttpResponse<String> stored(String key, String model, List<String> words) {
        HttpResponse<String> first = chat(key, body(model, prompt(words), ""));
        assertThat(cache(first)).isEqualTo("stored");
        String probe = body(model, prompt(words.subList(1, words.size())), "");
        Poll.until(() -> "hit".equals(cache(chat(key, probe, "x-meridian-cache", "no-store"))), "the prompt indexed");
        return first;
    }

    private static List<String> upstreamPaths() {
        return gateway.simulator().received().stream()
                .map(RecordedRequest::path)
                .toList();
    }

    @Test
    void nearDuplicate_isAnsweredFromTheCache_withItsSimilarity_andNoChatCall() {
        List<String> words = words();
        HttpResponse<String> first = stored(keyA, "semantic", words);
        int calls = upstreamPaths().size();

        HttpResponse<String> near = chat(keyA, body("semantic", prompt(words.subList(1, 10)), ""));

        assertThat(cache(near)).isEqualTo("hit");
        assertThat(near.headers().firstValue("x-meridian-cost-usd")).hasValue("0");
        assertThat(near.headers().firstValue("x-meridian-cache-age")).isPresent();
        // 10 of 11 words shared ("user" included): about 10 / sqrt(11 * 10) = 0.95.
        assertThat(Double.parseDouble(
                        near.headers().firstValue("x-meridian-cache-similarity").orElseThrow()))
                .isBetween(0.9, 0.99);
        assertThat(json(near.body())).isEqualTo(json(first.body()));
        assertThat(upstreamPaths().subList(calls, upstreamPaths().size()))
                .as("only the embedding reached the provider")
                .containsExactly("/v1/embeddings");
    }

    @Test
    void promptBelowTheThreshold_misses() {
        List<String> words = words();
        stored(keyA, "semantic", words);
        List<String> half = new ArrayList<>(words.subList(0, 6));
        half.addAll(words().subList(0, 4));

        HttpResponse<String> other = chat(keyA, body("semantic", prompt(half), ""));

        assertThat(cache(other)).isEqualTo("stored");
        assertThat(other.headers().firstValue("x-meridian-cache-similarity")).isEmpty();
    }

    @Test
    void nearDuplicateDifferingInAnotherField_misses() {
        List<String> words = words();
        stored(keyA, "semantic", words);
        String nearer = prompt(words.subList(1, 10));

        assertThat(cache(chat(keyA, body("semantic", nearer, ",\"max_tokens\":17"))))
                .as("another max_tokens")
                .isEqualTo("stored");
        assertThat(cache(chat(keyA, body("semantic", nearer, ",\"stop\":[\"x\"]"))))
                .isEqualTo("stored");
        assertThat(cache(chat(keyA, body("semantic", nearer, ""))))
                .as("the same other fields")
                .isEqualTo("hit");
    }

    @Test
    void samePromptFromAnotherTenant_neverHits() {
        List<String> words = words();
        String body = body("semantic", prompt(words), "");
        HttpResponse<String> a = stored(keyA, "semantic", words);

        HttpResponse<String> b = chat(keyB, body("semantic", prompt(words.subList(1, 10)), ""));
        assertThat(cache(b)).isEqualTo("stored");
        assertThat(json(b.body()).get("id")).isNotEqualTo(json(a.body()).get("id"));
        assertThat(cache(chat(GatewayFixture.KEY, body)))
                .as("nor a configuration key, which has no tenant")
                .isEqualTo("stored");
        assertThat(cache(chat(keyA, body("semantic", prompt(words.subList(1, 10)), ""))))
                .as("while tenant A's own near-duplicate hits")
                .isEqualTo("hit");
    }

    @Test
    void streamingCaller_getsAnSseReplayOfASemanticHit() {
        List<String> words = words();
        HttpResponse<String> first = stored(keyA, "semantic", words);
        String content = json(first.body()).at("/choices/0/message/content").asText();

        HttpResponse<String> replay = chat(
                keyA,
                body(
                        "semantic",
                        prompt(words.subList(0, 9)),
                        ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        assertThat(cache(replay)).isEqualTo("hit");
        assertThat(replay.headers().firstValue("x-meridian-cache-similarity")).isPresent();
        assertThat(replay.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<JsonNode> events = CacheIT.events(replay.body());
        assertThat(events.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(CacheIT.text(events)).isEqualTo(content).isNotEmpty();
        assertThat(events)
                .anySatisfy(e ->
                        assertThat(e.at("/choices/0/finish_reason").asText()).isEqualTo("stop"));
        assertThat(events.get(events.size() - 1).at("/usage/completion_tokens").asLong())
                .isPositive();
        assertThat(replay.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void expiredAnswer_isNeverServed() {
        List<String> words = words();
        stored(keyA, "semantic-short", words);
        assertThat(gateway.simulator().received().stream()
                        .filter(r -> r.path().equals("/v1/embeddings"))
                        .reduce((first, second) -> second)
                        .orElseThrow()
                        .bodyText())
                .as("the group's dimensions are asked of the embedding model")
                .contains("\"dimensions\":256");
        String near = body("semantic-short", prompt(words.subList(1, 10)), "");
        assertThat(cache(chat(keyA, near, "x-meridian-cache", "no-store"))).isEqualTo("hit");

        // The group's TTL is 2s; no-store keeps the misses from storing a fresh answer.
        Poll.until(
                () -> "miss".equals(cache(chat(keyA, near, "x-meridian-cache", "no-store"))),
                Duration.ofSeconds(10),
                "the answer to expire");
        assertThat(cache(chat(keyA, near, "x-meridian-cache", "no-store"))).isEqualTo("miss");
    }

    @Test
    void purgedAnswer_isNeverServed_andTheIndexIsPurgedToo() {
        List<String> words = words();
        stored(keyA, "semantic", words);
        String near = body("semantic", prompt(words.subList(1, 10)), "");
        assertThat(cache(chat(keyA, near, "x-meridian-cache", "no-store"))).isEqualTo("hit");

        double before = indexed("semantic");
        Answer purged = root.delete("/tenants/" + tenantA + "/cache?model=semantic");
        assertThat(purged.status()).as(purged.toString()).isEqualTo(200);

        assertThat(cache(chat(keyA, near, "x-meridian-cache", "no-store"))).isEqualTo("miss");
        Poll.until(() -> indexed("semantic") < before, "tenant A's prompts to leave the index");
    }

    @Test
    void embeddingCall_isAccountedAsARequestOfItsOwn() {
        List<String> words = words();
        stored(keyA, "semantic", words);
        HttpResponse<String> near = chat(keyA, body("semantic", prompt(words.subList(1, 10)), ""));
        assertThat(cache(near)).isEqualTo("hit");
        String embedId = near.headers().firstValue("x-request-id").orElseThrow() + "-embed";

        Poll.until(
                () -> root.get("/tenants/" + tenantA + "/requests/" + embedId).status() == 200,
                "the embedding call's log record");
        JsonNode record =
                root.get("/tenants/" + tenantA + "/requests/" + embedId).json();
        assertThat(record.path("model_asked").asText()).isEqualTo("embed-openai");
        assertThat(record.path("status").asInt()).isEqualTo(200);
        assertThat(record.path("input_tokens").asLong()).isPositive();
        assertThat(record.path("cost_usd").asDouble()).isPositive();
    }
}
