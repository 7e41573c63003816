package dev.meridian.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.tokens.TokenCounter;
import dev.meridian.server.e2e.GatewayFixture;
import dev.meridian.testkit.Poll;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: whatever body reaches a route (valid bodies broken at random: odd values, cuts, stray and invalid bytes,
 * duplicate fields), the gateway answers within a few seconds and never with its own 5xx ({@code internal_error}).
 * Providers' failures (502 naming a provider) are allowed: the simulator judges what passes through. 100,000 bodies
 * across chat, legacy completions, embeddings, the Responses API and Anthropic's Messages and token counting,
 * pass-through and translated to Anthropic, OpenAI, Gemini and Azure (issue 9, item 3; issue 13, item 7: the Messages
 * routes answer in Anthropic's shape).
 * Memory stays flat: the heap after a full collection grows by less than 4 MiB from the 20,000th body to the last
 * (gateway and simulator share this JVM; the simulator records nothing here; a leak of 50 bytes per request shows),
 * each measured once the request log has stored every record it was handed.
 */
class RouteFuzzIT {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]";
    private static final String TOOLS = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}}}],"
            + "\"tool_choice\":\"auto\"";
    private static final String RESPONSES_ITEMS = "\"input\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{}\"},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"ok\"}],"
            + "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]";
    private static final String SYSTEM =
            "\"system\":[{\"type\":\"text\",\"text\":\"be brief\"," + "\"cache_control\":{\"type\":\"ephemeral\"}}]";
    private static final String ANTHROPIC_MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"calling\"},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{\"a\":\"x\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
            + "\"content\":\"ok\",\"is_error\":false},{\"type\":\"text\",\"text\":\"and now?\"}]}]";
    private static final String ANTHROPIC_TOOLS = "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"a\":{\"type\":\"string\"}}}}],\"tool_choice\":{\"type\":\"auto\"}";
    private static final String IMAGE_TURN = "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
            + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},"
            + "{\"type\":\"text\",\"text\":\"hi\"}]}]";
    private static final String[][] SEEDS = {
        {"/v1/chat/completions", "{\"model\":\"gpt\"," + MESSAGES + ",\"max_tokens\":5,\"temperature\":0.2}"},
        {"/v1/chat/completions", "{\"model\":\"claude\"," + MESSAGES + "," + TOOLS + ",\"stream\":true}"},
        {"/v1/chat/completions", "{\"model\":\"gemini\"," + MESSAGES + ",\"n\":1,\"stop\":[\"x\"]}"},
        {
            "/v1/chat/completions",
            "{\"model\":\"azure-gpt\"," + MESSAGES + ",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true}}"
        },
        {"/v1/completions", "{\"model\":\"gpt\",\"prompt\":\"hi\",\"max_tokens\":5,\"stop\":[\"x\"],\"n\":1}"},
        {
            "/v1/completions",
            "{\"model\":\"claude\",\"prompt\":[\"hi\"],\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true},\"temperature\":0.5,\"best_of\":1}"
        },
        {"/v1/completions", "{\"model\":\"gemini\",\"prompt\":\"hi\",\"echo\":false,\"suffix\":null,\"seed\":3}"},
        {"/v1/embeddings", "{\"model\":\"embed-openai\",\"input\":[\"a\",\"b\"]}"},
        {"/v1/responses", "{\"model\":\"gpt\",\"input\":\"hi\",\"max_output_tokens\":5,\"store\":false}"},
        // Not stored, as the other Responses seeds: answers still queued for the database when the heap is measured
        // would count as growth (one run measured +5.0 MB with this seed storing, others +0.5-1.5 MB). The store is
        // tested by ResponsesTenancyIT and ResponsesSdkConformanceIT.
        {
            "/v1/responses",
            "{\"model\":\"claude\",\"instructions\":\"be brief\"," + RESPONSES_ITEMS
                    + ",\"stream\":true,\"store\":false}"
        },
        {
            "/v1/responses",
            "{\"model\":\"gemini\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                    + "\"text\":\"hi\"}]}],\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"n\","
                    + "\"schema\":{\"type\":\"object\"}}},\"store\":false}"
        },
        {"/v1/embeddings", "{\"model\":\"embed-gemini\",\"input\":\"a\",\"dimensions\":8}"},
        {"/v1/messages", "{\"model\":\"claude\",\"max_tokens\":5," + SYSTEM + "," + ANTHROPIC_MESSAGES + "}"},
        {
            "/v1/messages",
            "{\"model\":\"gpt\",\"max_tokens\":5,\"stream\":true," + ANTHROPIC_TOOLS + "," + ANTHROPIC_MESSAGES + "}"
        },
        {
            "/v1/messages",
            "{\"model\":\"gemini\",\"max_tokens\":5,\"temperature\":0.2,\"stop_sequences\":[\"x\"],"
                    + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}," + IMAGE_TURN + "}"
        },
        {"/v1/messages/count_tokens", "{\"model\":\"claude\"," + SYSTEM + "," + ANTHROPIC_MESSAGES + "}"},
        {"/v1/messages/count_tokens", "{\"model\":\"gpt\"," + ANTHROPIC_TOOLS + "," + IMAGE_TURN + "}"},
    };

    private static final int TRIES = 100_000;
    private static final int WARMED_UP = 20_000;
    private static final long FLAT = 4L << 20;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static long warmHeap;

    private static GatewayFixture gateway;
    private static HttpClient client;

    private static final ch.qos.logback.classic.Logger ACCESS_LOG =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("meridian.access");
    private static ch.qos.logback.classic.Level accessLevel;

    @BeforeContainer
    static void start() {
        // 100,000 access-log lines would only flood the build's output: this gateway runs without them.
        accessLevel = ACCESS_LOG.getLevel();
        ACCESS_LOG.setLevel(ch.qos.logback.classic.Level.WARN);
        gateway = GatewayFixture.startUnrecorded();
        // The tokenizer loads once, on the first stream whose usage must be counted (25 MiB, held softly). Loaded
        // now, so that this one-time load cannot fall between the two heap measurements and pass for a leak.
        TokenCounter.count("warm the tokenizer", "gpt-4o-mini");
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterContainer
    static void stop() {
        gateway.close();
        ACCESS_LOG.setLevel(accessLevel);
    }

    @Provide
    Arbitrary<String[]> requests() {
        return Arbitraries.randomValue(random -> {
            String[] seed = SEEDS[random.nextInt(SEEDS.length)];
            return new String[] {seed[0], BodyMutator.mutate(seed[1], random)};
        });
    }

    // A fixed seed keeps CI reproducible; change it (or remove it for a random one) to explore new bodies.
    @Property(tries = TRIES, seed = "20261202", shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void anyBody_neverGetsTheGatewaysOwn5xx(@ForAll("requests") String[] request) throws Exception {
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + request[0]))
                        .timeout(Duration.ofSeconds(10))
                        .header("authorization", "Bearer " + GatewayFixture.KEY)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request[1], StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body())
                .as("%s %s -> %d", request[0], request[1], r.statusCode())
                .doesNotContain("internal_error");
        if (request[0].startsWith("/v1/messages")) {
            // Anthropic's error shape has no code: the gateway's own 5xx is a 500 api_error, a provider's names it.
            assertThat(r.statusCode())
                    .as("%s %s: %s", request[0], request[1], r.body())
                    .isNotEqualTo(500);
            assertThat(r.body()).as("%s %s", request[0], request[1]).doesNotStartWith("{\"error\"");
            if (r.statusCode() >= 500) {
                assertThat(r.body()).as("%s %s", request[0], request[1]).contains("Provider '");
            }
        } else if (r.statusCode() >= 500) {
            assertThat(r.body()).as("%s %s", request[0], request[1]).contains("\"code\":\"upstream");
        }
        int sent = SENT.incrementAndGet();
        if (sent == WARMED_UP) {
            warmHeap = heapAfterFullCollection();
        } else if (sent == TRIES) {
            long grown = heapAfterFullCollection() - warmHeap;
            System.out.printf("heap after %,d bodies: %+,d bytes since the %,dth%n", TRIES, grown, WARMED_UP);
            assertThat(grown)
                    .as("heap growth over %,d bodies", TRIES - WARMED_UP)
                    .isLessThan(FLAT);
        }
    }

    private static long heapAfterFullCollection() {
        // Records on their way to the database (journaled, and handed to the writer on the heap) are not a leak:
        // measure once the request log has stored everything it was given.
        Poll.until(
                () -> gateway.server()
                                .runtime()
                                .metrics()
                                .registry()
                                .get("meridian_request_log_journal_bytes")
                                .gauge()
                                .value()
                        == 0,
                "the request log has stored every record");
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
