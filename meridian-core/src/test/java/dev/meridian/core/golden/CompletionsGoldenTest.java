package dev.meridian.core.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.protocol.openai.OpenAiCompletionsProtocol;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The legacy completions door's translation, pinned per provider: every case under
 * {@code src/test/resources/completions/<provider>/<case>/} holds the caller's {@code request.json} (a
 * {@code /v1/completions} body) and some of: {@code upstream-request.json} (the chat body the provider receives;
 * optional {@code upstream-request.meta.json} with its path), {@code upstream-response.json} with
 * {@code response.json} (the {@code text_completion} the caller gets), {@code upstream-stream.txt} with
 * {@code stream.txt} (the caller's events, compared one by one, and again with the upstream split at every byte),
 * or {@code error.json} alone (the request is refused, at the door or by the provider's encoder).
 * {@code case.json} may give {@code upstreamModel}. The provider transcripts are the chat golden cases' own.
 */
class CompletionsGoldenTest {

    @TestFactory
    Stream<DynamicNode> completionsCases() throws IOException, URISyntaxException {
        Path root =
                Path.of(CompletionsGoldenTest.class.getResource("/completions").toURI());
        List<DynamicNode> providers = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path providerDir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<DynamicNode> cases = new ArrayList<>();
                try (Stream<Path> caseDirs = Files.list(providerDir)) {
                    for (Path caseDir :
                            caseDirs.filter(Files::isDirectory).sorted().toList()) {
                        Case c = new Case(providerDir.getFileName().toString(), caseDir);
                        cases.add(DynamicContainer.dynamicContainer(
                                caseDir.getFileName().toString(), c.tests()));
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
            return "completions/";
        }

        Stream<DynamicTest> tests() {
            List<DynamicTest> tests = new ArrayList<>();
            if (has("upstream-request.json")) {
                tests.add(DynamicTest.dynamicTest("request", this::request));
            }
            if (has("error.json")) {
                tests.add(DynamicTest.dynamicTest("request refused", this::refused));
            }
            if (has("upstream-response.json")) {
                tests.add(DynamicTest.dynamicTest("response", this::response));
            }
            if (has("upstream-stream.txt")) {
                tests.add(DynamicTest.dynamicTest("stream", this::stream));
                tests.add(DynamicTest.dynamicTest("stream split at every byte offset", this::streamResplit));
            }
            if (tests.isEmpty()) {
                throw new IllegalStateException("completions case " + dir + " has no recognised file");
            }
            return tests.stream();
        }

        private void request() throws IOException {
            UpstreamRequest upstream = inbound().upstreamRequest(adapter(), upstreamModel(), false);
            JsonTrees.assertMatches(where("upstream-request.json"), text("upstream-request.json"), upstream.body());
            if (has("upstream-request.meta.json")) {
                JsonNode meta = Json.parseTrusted(text("upstream-request.meta.json"));
                assertThat(upstream.path()).isEqualTo(meta.path("path").asText());
                assertThat(upstream.stream()).isEqualTo(meta.path("stream").asBoolean(false));
            }
        }

        private void refused() throws IOException {
            JsonNode expected = Json.parseTrusted(text("error.json"));
            assertThatThrownBy(() -> inbound().upstreamRequest(adapter(), upstreamModel(), false))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        JsonTrees.assertMatches(
                                where("error.json"),
                                expected,
                                parse(OpenAiCompletionsProtocol.INSTANCE.encodeError(e)));
                        assertThat(e.status()).isEqualTo(400);
                    });
        }

        private void response() throws IOException {
            InboundRequest.Answer answer = inbound().answer(adapter(), provider, read("upstream-response.json"), false);
            JsonTrees.assertMatches(where("response.json"), text("response.json"), answer.body());
            // What the cache stores reads back into the same answer.
            byte[] again = OpenAiCompletionsProtocol.INSTANCE.encodeAnswer(
                    OpenAiCompletionsProtocol.INSTANCE.decodeAnswer(answer.body()));
            JsonTrees.assertMatches(where("response.json") + " read back", text("response.json"), again);
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
            StreamTranslator translator = inbound().streamTranslator(adapter(), provider, false, List.of());
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
                if (want.get(i).isDone()) {
                    assertThat(got.get(i).isDone())
                            .as(where + " event " + i + " is [DONE]")
                            .isTrue();
                } else {
                    JsonTrees.assertMatches(
                            where + " event " + i,
                            want.get(i).dataAsString(),
                            got.get(i).data());
                }
            }
            assertThat(got.size())
                    .as(where + " number of events; actual stream:\n" + new String(actual))
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
            return OpenAiCompletionsProtocol.INSTANCE.read(read("request.json"));
        }
    }
}
