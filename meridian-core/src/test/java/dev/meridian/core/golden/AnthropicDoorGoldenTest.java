package dev.meridian.core.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.protocol.anthropic.AnthropicCountTokensProtocol;
import dev.meridian.core.protocol.anthropic.AnthropicErrors;
import dev.meridian.core.protocol.anthropic.AnthropicMessagesProtocol;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases of the Anthropic Messages front door, one folder per upstream protocol under
 * {@code src/test/resources/golden-anthropic-door/<provider>/<case>/}: the caller's side is always an Anthropic
 * request ({@code request.json}), the provider's side is the folder's protocol; an {@code anthropic} provider gets
 * the body as it came (pass-through), the others a translation. Files, as in {@link GoldenTest}:
 * {@code upstream-request.json} (with {@code upstream-request.meta.json}: path, stream, headers), {@code error.json}
 * alone (refused), {@code upstream-response.json} with {@code response.json}, {@code upstream-stream.txt} with
 * {@code stream.txt} (event by event, and split at every byte offset), {@code upstream-error.json} with
 * {@code error.json}. {@code case.json}: {@code upstreamModel}, {@code settings}, {@code door}
 * ({@code "count_tokens"}), {@code callerHeaders}, {@code upstreamStatus}, {@code expectedStatus},
 * {@code promptCache}.
 */
class AnthropicDoorGoldenTest {

    @TestFactory
    Stream<DynamicNode> goldenCases() throws IOException, URISyntaxException {
        Path root = Path.of(AnthropicDoorGoldenTest.class
                .getResource("/golden-anthropic-door")
                .toURI());
        List<DynamicNode> providers = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path providerDir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<DynamicNode> cases = new ArrayList<>();
                try (Stream<Path> caseDirs = Files.list(providerDir)) {
                    for (Path caseDir :
                            caseDirs.filter(Files::isDirectory).sorted().toList()) {
                        cases.add(DynamicContainer.dynamicContainer(
                                caseDir.getFileName().toString(),
                                new Case(providerDir.getFileName().toString(), caseDir).tests()));
                    }
                }
                providers.add(DynamicContainer.dynamicContainer(
                        providerDir.getFileName().toString(), cases));
            }
        }
        return providers.stream();
    }

    private record Case(String provider, Path dir) implements GoldenCaseFiles {

        @Override
        public String root() {
            return "anthropic-door/";
        }

        Stream<DynamicTest> tests() {
            List<DynamicTest> tests = new ArrayList<>();
            if (has("upstream-request.json")) {
                tests.add(DynamicTest.dynamicTest("request", this::request));
            }
            if (has("error.json") && !has("upstream-error.json")) {
                tests.add(DynamicTest.dynamicTest("request refused", this::refused));
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
            UpstreamRequest upstream = inbound().upstreamRequest(adapter(), upstreamModel(), passThrough(), caching());
            JsonTrees.assertMatches(where("upstream-request.json"), text("upstream-request.json"), upstream.body());
            if (has("upstream-request.meta.json")) {
                JsonNode meta = Json.parseTrusted(text("upstream-request.meta.json"));
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

        private void refused() throws IOException {
            JsonNode expected = Json.parseTrusted(text("error.json"));
            int status = meta().path("expectedStatus").asInt(400);
            assertThatThrownBy(() -> inbound().upstreamRequest(adapter(), upstreamModel(), passThrough(), caching()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        JsonTrees.assertMatches(where("error.json"), expected, parse(AnthropicErrors.encode(e)));
                        assertThat(AnthropicErrors.status(e)).isEqualTo(status);
                    });
        }

        private void response() throws IOException {
            InboundRequest.Answer answer =
                    inbound().answer(adapter(), provider, read("upstream-response.json"), passThrough());
            JsonTrees.assertMatches(where("response.json"), text("response.json"), answer.body());
        }

        private void error() throws IOException {
            JsonNode meta = meta();
            GatewayException e =
                    adapter().decodeError(meta.path("upstreamStatus").asInt(400), null, read("upstream-error.json"));
            JsonTrees.assertMatches(where("error.json"), text("error.json"), AnthropicErrors.encode(e));
            assertThat(AnthropicErrors.status(e))
                    .as("status")
                    .isEqualTo(meta.path("expectedStatus").asInt(e.status()));
        }

        private void stream() throws IOException {
            assertSameEvents(where("stream.txt"), read("stream.txt"), translate(List.of(read("upstream-stream.txt"))));
        }

        private void streamResplit() throws IOException {
            byte[] upstream = read("upstream-stream.txt");
            byte[] whole = translate(List.of(upstream));
            for (int cut = 1; cut < upstream.length; cut++) {
                byte[] split = translate(List.of(
                        Arrays.copyOfRange(upstream, 0, cut), Arrays.copyOfRange(upstream, cut, upstream.length)));
                if (!Arrays.equals(whole, split)) {
                    assertSameEvents(where("stream.txt") + " split at byte " + cut, read("stream.txt"), split);
                }
            }
        }

        private byte[] translate(List<byte[]> chunks) throws IOException {
            StreamTranslator translator = inbound().streamTranslator(adapter(), provider, passThrough(), List.of());
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

        private static void assertSameEvents(String where, byte[] expected, byte[] actual) {
            List<SseEvent> want = events(expected);
            List<SseEvent> got = events(actual);
            for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
                assertThat(got.get(i).event())
                        .as(where + " event " + i + " name")
                        .isEqualTo(want.get(i).event());
                JsonTrees.assertMatches(
                        where + " event " + i,
                        want.get(i).dataAsString(),
                        got.get(i).data());
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

        private InboundRequest inbound() throws IOException {
            InboundProtocol door = meta().path("door").asText("messages").equals("count_tokens")
                    ? AnthropicCountTokensProtocol.INSTANCE
                    : AnthropicMessagesProtocol.INSTANCE;
            Map<String, String> headers = new java.util.HashMap<>();
            meta().path("callerHeaders")
                    .fields()
                    .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            return door.read(read("request.json"), headers::get);
        }

        private boolean passThrough() throws IOException {
            return adapter().protocol() == Protocol.ANTHROPIC;
        }

        private PromptCaching caching() throws IOException {
            return meta().path("promptCache").asText("off").equals("auto")
                    ? new PromptCaching(true, null)
                    : PromptCaching.OFF;
        }
    }
}
