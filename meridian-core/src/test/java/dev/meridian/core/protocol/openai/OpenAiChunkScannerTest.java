package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.sse.SseParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OpenAiChunkScannerTest {

    private final OpenAiChunkScanner scanner = new OpenAiChunkScanner();

    private OpenAiChunkScanner scan(String json) {
        scanner.scan(json.getBytes(StandardCharsets.UTF_8));
        return scanner;
    }

    @Test
    void theTextADeltaDelivers_isLocatedStillEscaped_contentReasoningAndToolArguments() {
        String c = "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hm\",\"content\":\"a \\\"b\\\"\","
                + "\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}}]},"
                + "\"finish_reason\":null}],\"usage\":null}";
        OpenAiChunkScanner s = scan(c);
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int k = 0; k < s.textCount(); k++) {
            texts.add(c.substring(s.textStart(k), s.textEnd(k)));
        }
        assertThat(texts).containsExactly("hm", "a \\\"b\\\"", "{\\\"x\\\":1}");
        assertThat(scan("{\"id\":\"x\",\"content\":\"top level is not a delta\"}")
                        .textCount())
                .isZero();
    }

    @Test
    void contentChunk() {
        String c = "{\"id\":\"x\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + "\"he said \\\"usage\\\":{1}\"},\"finish_reason\":null}],\"usage\":null}";
        OpenAiChunkScanner s = scan(c);
        assertThat(s.wellFormed()).isTrue();
        assertThat(s.model(c.getBytes(StandardCharsets.UTF_8))).isEqualTo("gpt-4o-mini");
        assertThat(s.hasUsage())
                .as("usage inside a string is not the usage key")
                .isFalse();
        assertThat(s.finished()).isFalse();
        assertThat(s.choicesEmpty()).isFalse();
        assertThat(s.hasError()).isFalse();
    }

    @Test
    void usageChunk_withPythonStyleSpacing() {
        OpenAiChunkScanner s = scan("{ \"choices\" : [ ] , \"usage\" : { \"prompt_tokens\" : 1 } }");
        assertThat(s.wellFormed()).isTrue();
        assertThat(s.choicesEmpty()).isTrue();
        assertThat(s.hasUsage()).isTrue();
    }

    @Test
    void finishReason_onlyInsideAChoice() {
        assertThat(scan("{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}")
                        .finished())
                .isTrue();
        assertThat(scan("{\"finish_reason\":\"stop\",\"choices\":[{\"delta\":{\"finish_reason\":\"x\"}}]}")
                        .finished())
                .isFalse();
    }

    @Test
    void errorObject() {
        assertThat(scan("{\"error\":{\"message\":\"boom\"}}").hasError()).isTrue();
        assertThat(scan("{\"error\":null,\"choices\":[]}").hasError()).isFalse();
    }

    @Test
    void nestedKeysWithTheSameNames_areIgnored() {
        OpenAiChunkScanner s = scan("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"{}\"}}]},"
                + "\"usage\":{\"x\":1},\"model\":\"inner\"}]}");
        assertThat(s.hasUsage()).isFalse();
        assertThat(s.model("".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void escapedModel_asksForARealParse() {
        OpenAiChunkScanner s = scan("{\"model\":\"a\\u00e9b\",\"choices\":[]}");
        assertThat(s.modelNeedsParse()).isTrue();
    }

    @Test
    void malformed_isNotWellFormed_atEveryTruncation() {
        String chunk =
                "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a}b]\\\"c\"}}],\"usage\":null}";
        assertThat(scan(chunk).wellFormed()).isTrue();
        byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut < bytes.length; cut++) {
            scanner.scan(Arrays.copyOf(bytes, cut));
            assertThat(scanner.wellFormed()).as("prefix of %d bytes", cut).isFalse();
        }
        for (String bad :
                List.of("not json", "[1]", "{\"a\":[}", "{\"a\":1}}", "{\"a\":1} x", "{\"a\":\"unterminated}")) {
            assertThat(scan(bad).wellFormed()).as(bad).isFalse();
        }
    }

    @Test
    void agreesWithTheJacksonScan_onEveryRecordedChunk() throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        for (String provider : List.of("openai", "azure", "compat")) {
            Path dir = Path.of("src/test/resources/golden", provider);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().equals("upstream-stream.txt"))
                        .toList()) {
                    new SseParser(false).feed(Files.readAllBytes(f), e -> {
                        if (e.hasData() && !e.isDone()) {
                            chunks.add(e.data());
                        }
                    });
                }
            }
        }
        assertThat(chunks).hasSizeGreaterThan(20);
        for (byte[] chunk : chunks) {
            JacksonAnswerScan.Answer answer;
            try {
                answer = JacksonAnswerScan.scan("p", "chunk", chunk);
            } catch (RuntimeException notJson) {
                scanner.scan(chunk);
                assertThat(scanner.wellFormed())
                        .as(new String(chunk, StandardCharsets.UTF_8))
                        .isFalse();
                continue;
            }
            scanner.scan(chunk);
            String where = new String(chunk, StandardCharsets.UTF_8);
            assertThat(scanner.wellFormed()).as(where).isTrue();
            assertThat(scanner.hasUsage()).as(where).isEqualTo(answer.usage() != null);
            assertThat(scanner.choicesEmpty()).as(where).isEqualTo(answer.choicesEmpty());
            assertThat(scanner.finished()).as(where).isEqualTo(answer.finished());
            assertThat(scanner.hasError()).as(where).isEqualTo(answer.error() != null);
            if (!scanner.modelNeedsParse()) {
                assertThat(scanner.model(chunk)).as(where).isEqualTo(answer.model());
            }
            OpenAiAnswerScan.Answer fast = OpenAiAnswerScan.scan("p", "chunk", chunk);
            assertThat(fast.usage()).as(where).isEqualTo(answer.usage());
            assertThat(fast.model()).as(where).isEqualTo(answer.model());
            assertThat(fast.isUsageChunk()).as(where).isEqualTo(answer.isUsageChunk());
        }
    }
}
