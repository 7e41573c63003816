package dev.meridian.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.protocol.openai.responses.ResponsesProtocol;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.provider.openai.OpenAiAdapter;
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
 * The Responses API door's golden cases, under {@code src/test/resources/golden-responses/<provider>/<case>/}, one
 * provider folder per translation direction: {@code openai} is OpenAI with the Responses API (pass-through),
 * {@code openai-chat} an OpenAI-protocol deployment with chat completions only, then {@code anthropic} and
 * {@code gemini}. A case holds {@code request.json} (the caller's Responses body) with
 * {@code upstream-request.json} (and optionally {@code upstream-request.meta.json}: path, stream);
 * {@code upstream-response.json} with {@code response.json}; {@code upstream-stream.txt} with {@code stream.txt},
 * compared event by event (name and JSON), also with the transcript split at every byte offset. JSON is compared as
 * trees; {@code "<any>"} matches any value (the gateway's fresh ids, the clock).
 */
class ResponsesGoldenTest {

    @TestFactory
    Stream<DynamicNode> goldenCases() throws IOException, URISyntaxException {
        Path root = Path.of(
                ResponsesGoldenTest.class.getResource("/golden-responses").toURI());
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

    private record Case(String provider, Path dir) {

        Stream<DynamicTest> tests() {
            List<DynamicTest> tests = new ArrayList<>();
            if (has("request.json")) {
                tests.add(DynamicTest.dynamicTest(
                        "passes through only to a deployment serving the Responses API (as the log records)",
                        () -> assertThat(inbound().passesThrough(adapter())).isEqualTo(provider.equals("openai"))));
            }
            if (has("upstream-request.json")) {
                tests.add(DynamicTest.dynamicTest("request", this::request));
            }
            if (has("upstream-response.json")) {
                tests.add(DynamicTest.dynamicTest("response", this::response));
            }
            if (has("upstream-stream.txt")) {
                tests.add(DynamicTest.dynamicTest("stream", this::stream));
                tests.add(DynamicTest.dynamicTest("stream split at every byte offset", this::streamResplit));
            }
            if (tests.isEmpty()) {
                throw new IllegalStateException("golden case " + dir + " has no recognised file pair");
            }
            return tests.stream();
        }

        private ProviderAdapter adapter() {
            return switch (provider) {
                case "openai" ->
                    new OpenAiAdapter(
                            new ProviderSettings("openai", "test-key", Map.of(), Map.of(), null, false, true, true));
                case "openai-chat" -> GoldenProviders.adapter("openai", Json.object());
                default -> GoldenProviders.adapter(provider, Json.object());
            };
        }

        private String upstreamModel() throws IOException {
            JsonNode meta = has("case.json") ? Json.parseTrusted(text("case.json")) : Json.object();
            return meta.path("upstreamModel").asText("upstream-model");
        }

        private InboundRequest inbound() throws IOException {
            return ResponsesProtocol.INSTANCE.read(read("request.json"));
        }

        private void request() throws IOException {
            UpstreamRequest upstream = inbound().upstreamRequest(adapter(), upstreamModel(), false, PromptCaching.OFF);
            check("upstream-request.json", upstream.body());
            if (has("upstream-request.meta.json")) {
                JsonNode meta = Json.parseTrusted(text("upstream-request.meta.json"));
                if (meta.has("path")) {
                    assertThat(upstream.path()).isEqualTo(meta.get("path").asText());
                }
                if (meta.has("stream")) {
                    assertThat(upstream.stream()).isEqualTo(meta.get("stream").asBoolean());
                }
            }
        }

        private void response() throws IOException {
            byte[] upstream = read("upstream-response.json");
            InboundRequest.Answer answer = inbound().answer(adapter(), provider, upstream, false);
            check("response.json", answer.body());
        }

        private void stream() throws IOException {
            compareEvents(translate(List.of(read("upstream-stream.txt"))), "");
        }

        private void streamResplit() throws IOException {
            byte[] upstream = read("upstream-stream.txt");
            for (int cut = 1; cut < upstream.length; cut++) {
                byte[] split = translate(List.of(
                        Arrays.copyOfRange(upstream, 0, cut), Arrays.copyOfRange(upstream, cut, upstream.length)));
                compareEvents(split, " split at byte " + cut);
            }
        }

        private byte[] translate(List<byte[]> chunks) throws IOException {
            StreamTranslator translator = inbound().streamTranslator(adapter(), provider, false, List.of());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] chunk : chunks) {
                translator.onBytes(chunk, out::writeBytes);
            }
            translator.onEnd(out::writeBytes);
            return out.toByteArray();
        }

        private void compareEvents(byte[] actual, String note) throws IOException {
            if (Boolean.getBoolean("golden.write") && note.isEmpty()) {
                Files.write(dir.resolve("stream.txt"), actual);
            }
            List<SseEvent> expected = events(read("stream.txt"));
            List<SseEvent> got = events(actual);
            assertThat(got).as(where("stream.txt") + note + ": events").hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                String at = where("stream.txt") + note + " event " + i;
                assertThat(got.get(i).event()).as(at).isEqualTo(expected.get(i).event());
                JsonTrees.assertMatches(
                        at, expected.get(i).dataAsString(), got.get(i).data());
            }
        }

        private static List<SseEvent> events(byte[] bytes) {
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(false);
            parser.feed(bytes, e -> {
                if (e.hasData()) {
                    events.add(e);
                }
            });
            parser.finish();
            return events;
        }

        private void check(String file, byte[] actual) throws IOException {
            if (Boolean.getBoolean("golden.write")) {
                Files.writeString(
                        dir.resolve(file),
                        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.parse(actual)) + "\n");
            }
            JsonTrees.assertMatches(where(file), text(file), actual);
        }

        private boolean has(String file) {
            return Files.exists(dir.resolve(file));
        }

        private byte[] read(String file) throws IOException {
            return Files.readAllBytes(dir.resolve(file));
        }

        private String text(String file) throws IOException {
            return new String(read(file), StandardCharsets.UTF_8);
        }

        private String where(String file) {
            return provider + "/" + dir.getFileName() + "/" + file;
        }
    }
}
