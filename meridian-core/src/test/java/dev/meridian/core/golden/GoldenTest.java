package dev.meridian.core.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.protocol.openai.OpenAiChatProtocol;
import dev.meridian.core.protocol.openai.OpenAiErrors;
import dev.meridian.core.protocol.openai.OpenAiPassThroughStream;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import dev.meridian.core.protocol.openai.OpenAiResponseEncoder;
import dev.meridian.core.protocol.openai.OpenAiStreamEncoder;
import dev.meridian.core.provider.PassThroughAdapter;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.TranslatedStream;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden case under {@code src/test/resources/golden/<provider>/<case>/}. A case holds some of:
 * <ul>
 *   <li>{@code request.json} (the caller's OpenAI request) with {@code upstream-request.json} (the body the
 *       provider must receive; optional {@code upstream-request.meta.json} with method, path and headers),
 *       or with {@code error.json} alone (the gateway must refuse it);</li>
 *   <li>{@code upstream-response.json} with {@code response.json} (what the caller gets);</li>
 *   <li>{@code upstream-stream.txt} with {@code stream.txt}: the provider's SSE transcript and the caller's,
 *       compared event by event, and again with the transcript split at every byte offset;</li>
 *   <li>{@code upstream-error.json} with {@code error.json}: the provider's error and the caller's;</li>
 *   <li>{@code case.json}: {@code upstreamModel}, {@code settings} (provider settings), {@code upstreamStatus},
 *       {@code retryAfter}, {@code expectedStatus}, {@code includeUsage}, {@code passThrough} (the same-protocol
 *       path: the body is forwarded by {@link PassThroughAdapter} and the stream by
 *       {@link OpenAiPassThroughStream} instead of being translated), {@code promptCache} ({@code "auto"}: the
 *       request is built as for a group with {@code cache.providerPrompt: auto}) and {@code promptCacheKey} (the
 *       key the gateway derived for it).</li>
 * </ul>
 * JSON is compared as trees; {@code "<any>"} in an expected file matches any value.
 */
class GoldenTest {

    @TestFactory
    Stream<DynamicNode> goldenCases() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenTest.class.getResource("/golden").toURI());
        List<DynamicNode> providers = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path providerDir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<DynamicNode> cases = new ArrayList<>();
                try (Stream<Path> caseDirs = Files.list(providerDir)) {
                    for (Path caseDir :
                            caseDirs.filter(Files::isDirectory).sorted().toList()) {
                        cases.add(DynamicContainer.dynamicContainer(
                                caseDir.getFileName().toString(),
                                new GoldenCase(providerDir.getFileName().toString(), caseDir).tests()));
                    }
                }
                providers.add(DynamicContainer.dynamicContainer(
                        providerDir.getFileName().toString(), cases));
            }
        }
        return providers.stream();
    }

    private record GoldenCase(String provider, Path dir) implements GoldenCaseFiles {

        @Override
        public String root() {
            return "";
        }

        Stream<DynamicTest> tests() {
            List<DynamicTest> tests = new ArrayList<>();
            if (has("request.json") && has("upstream-request.json")) {
                tests.add(DynamicTest.dynamicTest("request", this::request));
            }
            if (has("request.json") && has("error.json") && !has("upstream-error.json")) {
                tests.add(DynamicTest.dynamicTest("request refused", this::requestRefused));
            }
            if (has("upstream-response.json") && has("response.json")) {
                tests.add(DynamicTest.dynamicTest("response", this::response));
            }
            if (has("upstream-stream.txt") && has("stream.txt")) {
                tests.add(DynamicTest.dynamicTest("stream", this::stream));
                tests.add(DynamicTest.dynamicTest("stream split at every byte offset", this::streamResplit));
            }
            if (has("upstream-error.json") && has("error.json")) {
                tests.add(DynamicTest.dynamicTest("error", this::error));
            }
            if (tests.isEmpty()) {
                throw new IllegalStateException("golden case " + dir + " has no recognised file pair");
            }
            return tests.stream();
        }

        private void request() throws IOException {
            UpstreamRequest upstream;
            if (passThrough()) {
                byte[] body = read("request.json");
                upstream = OpenAiChatProtocol.INSTANCE
                        .read(body)
                        .upstreamRequest(adapter(), upstreamModel(), true, promptCaching());
            } else {
                ChatRequest request = OpenAiRequestDecoder.decodeChat(read("request.json"));
                upstream = adapter().chatRequest(request, upstreamModel(), promptCaching());
            }
            JsonTrees.assertMatches(where("upstream-request.json"), text("upstream-request.json"), upstream.body());
            if (has("upstream-request.meta.json")) {
                JsonNode meta = Json.parseTrusted(text("upstream-request.meta.json"));
                if (meta.has("method")) {
                    assertThat(upstream.method()).isEqualTo(meta.get("method").asText());
                }
                if (meta.has("path")) {
                    assertThat(upstream.path()).isEqualTo(meta.get("path").asText());
                }
                if (meta.has("stream")) {
                    assertThat(upstream.stream()).isEqualTo(meta.get("stream").asBoolean());
                }
                meta.path("headers")
                        .fields()
                        .forEachRemaining(h -> assertThat(upstream.headers())
                                .containsEntry(h.getKey(), h.getValue().asText()));
            }
        }

        private void requestRefused() throws IOException {
            JsonNode expected = Json.parseTrusted(text("error.json"));
            int expectedStatus = meta().path("expectedStatus").asInt(400);
            assertThatThrownBy(() -> adapter()
                            .chatRequest(OpenAiRequestDecoder.decodeChat(read("request.json")), upstreamModel()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        JsonTrees.assertMatches(where("error.json"), expected, parse(OpenAiErrors.encode(e)));
                        assertThat(e.status()).isEqualTo(expectedStatus);
                    });
        }

        private void response() throws IOException {
            byte[] out = OpenAiResponseEncoder.encode(adapter().decodeChat(read("upstream-response.json")));
            JsonTrees.assertMatches(where("response.json"), text("response.json"), out);
        }

        private void error() throws IOException {
            JsonNode meta = meta();
            GatewayException e = adapter()
                    .decodeError(
                            meta.path("upstreamStatus").asInt(400),
                            meta.hasNonNull("retryAfter")
                                    ? meta.get("retryAfter").asText()
                                    : null,
                            read("upstream-error.json"));
            JsonTrees.assertMatches(where("error.json"), text("error.json"), OpenAiErrors.encode(e));
            assertThat(e.status())
                    .as("status")
                    .isEqualTo(meta.path("expectedStatus").asInt(e.status()));
            if (meta.hasNonNull("retryAfter")) {
                assertThat(e.retryAfter()).isEqualTo(meta.get("retryAfter").asText());
            }
        }

        private void stream() throws IOException {
            byte[] upstream = read("upstream-stream.txt");
            assertSameEvents(where("stream.txt"), read("stream.txt"), translate(List.of(upstream)));
        }

        private void streamResplit() throws IOException {
            byte[] upstream = read("upstream-stream.txt");
            byte[] whole = translate(List.of(upstream));
            for (int cut = 1; cut < upstream.length; cut++) {
                byte[] a = java.util.Arrays.copyOfRange(upstream, 0, cut);
                byte[] b = java.util.Arrays.copyOfRange(upstream, cut, upstream.length);
                byte[] split = translate(List.of(a, b));
                if (!java.util.Arrays.equals(whole, split)) {
                    // Against the expected file, not the whole run: "<any>" fields (a clock's created) may differ.
                    assertSameEvents(where("stream.txt") + " split at byte " + cut, read("stream.txt"), split);
                }
            }
        }

        /**
         * What the server's relay does with a stream, with the same translators: pass-through (case.json
         * {@code "passThrough": true}) or decode with the provider's decoder and encode for an OpenAI caller.
         */
        private byte[] translate(List<byte[]> chunks) throws IOException {
            boolean includeUsage = meta().path("includeUsage")
                    .asBoolean(has("request.json")
                            && Json.parse(read("request.json"))
                                    .path("stream_options")
                                    .path("include_usage")
                                    .asBoolean(false));
            StreamTranslator translator = passThrough()
                    ? new OpenAiPassThroughStream(provider, includeUsage)
                    : new TranslatedStream(
                            adapter().newStreamDecoder(), List.of(), new OpenAiStreamEncoder(includeUsage));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                for (byte[] chunk : chunks) {
                    translator.onBytes(chunk, out::writeBytes);
                }
                translator.onEnd(out::writeBytes);
            } catch (GatewayException e) {
                out.writeBytes(translator.error(e));
            }
            return out.toByteArray();
        }

        /** case.json {@code "promptCache": "auto"}, with the gateway's {@code promptCacheKey} when given. */
        private PromptCaching promptCaching() throws IOException {
            JsonNode meta = meta();
            boolean auto = meta.path("promptCache").asText("off").equals("auto");
            return auto ? new PromptCaching(true, meta.path("promptCacheKey").asText(null)) : PromptCaching.OFF;
        }

        private boolean passThrough() throws IOException {
            return meta().path("passThrough").asBoolean(false);
        }

        private static void assertSameEvents(String where, byte[] expected, byte[] actual) {
            List<SseEvent> want = events(expected);
            List<SseEvent> got = events(actual);
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                SseEvent w = want.get(i);
                SseEvent g = got.get(i);
                assertThat(g.event()).as(where + " event " + i + " type").isEqualTo(w.event());
                if (w.isDone()) {
                    assertThat(g.isDone())
                            .as(where + " event " + i + " is [DONE]")
                            .isTrue();
                } else {
                    JsonTrees.assertMatches(where + " event " + i, w.dataAsString(), g.data());
                }
            }
            assertThat(got.size())
                    .as(where + " number of events; actual stream:\n" + new String(actual, StandardCharsets.UTF_8))
                    .isEqualTo(want.size());
        }

        private static List<SseEvent> events(byte[] stream) {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(false);
            parser.feed(stream, events::add);
            assertThat(parser.finish()).as("stream ends with a complete event").isFalse();
            return events;
        }
    }
}
