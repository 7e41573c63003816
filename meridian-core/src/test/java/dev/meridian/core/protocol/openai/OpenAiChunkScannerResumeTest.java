package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A scanner reused along a stream resumes at the first text value of a chunk that begins like the last one it read
 * in full. Whatever the chunks, that must find exactly what a fresh scanner finds.
 */
class OpenAiChunkScannerResumeTest {

    /** Everything the scanner reports about one chunk. */
    record Findings(
            boolean wellFormed,
            String model,
            boolean modelNeedsParse,
            boolean usage,
            int usageStart,
            int usageEnd,
            int usageNullStart,
            int usageNullEnd,
            boolean choicesEmpty,
            boolean finished,
            boolean error,
            List<String> texts) {

        static Findings of(OpenAiChunkScanner s, byte[] chunk) {
            List<String> texts = new ArrayList<>();
            for (int k = 0; k < s.textCount(); k++) {
                texts.add(new String(chunk, s.textStart(k), s.textEnd(k) - s.textStart(k), StandardCharsets.UTF_8));
            }
            return new Findings(
                    s.wellFormed(),
                    s.wellFormed() ? s.model(chunk) : null,
                    s.modelNeedsParse(),
                    s.hasUsage(),
                    s.usageStart(),
                    s.usageEnd(),
                    s.usageNullStart(),
                    s.usageNullEnd(),
                    s.choicesEmpty(),
                    s.finished(),
                    s.hasError(),
                    texts);
        }
    }

    @Property(tries = 400, seed = "20261205")
    void aReusedScanner_findsWhatAFreshOneFinds(@ForAll("streams") List<String> stream) {
        OpenAiChunkScanner reused = new OpenAiChunkScanner();
        for (String chunk : stream) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            OpenAiChunkScanner fresh = new OpenAiChunkScanner();
            fresh.scan(bytes);
            reused.scan(bytes);
            assertThat(Findings.of(reused, bytes)).as(chunk).isEqualTo(Findings.of(fresh, bytes));
        }
    }

    @Test
    void aStreamsContentChunks_areReadFromTheirText() {
        OpenAiChunkScanner s = new OpenAiChunkScanner();
        String prefix = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764633600,"
                + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":";
        List<String> chunks = List.of(
                prefix + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
                prefix + "{\"content\":\"Hello\"},\"finish_reason\":null}]}",
                prefix + "{\"content\":\" wor\"},\"finish_reason\":null}]}",
                prefix + "{\"content\":\"ld\"},\"finish_reason\":null}]}",
                prefix + "{},\"finish_reason\":\"stop\"}]}",
                "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3}}");
        List<String> texts = new ArrayList<>();
        for (String c : chunks) {
            byte[] bytes = c.getBytes(StandardCharsets.UTF_8);
            s.scan(bytes);
            texts.addAll(Findings.of(s, bytes).texts());
        }
        assertThat(texts).containsExactly("", "Hello", " wor", "ld");
        assertThat(s.resumed)
                .as("the third and fourth chunks begin like the second")
                .isEqualTo(2);
        assertThat(s.hasUsage()).isTrue();
    }

    @Provide
    Arbitrary<List<String>> streams() {
        return chunk().list().ofMinSize(1).ofMaxSize(12);
    }

    /**
     * Chunks built from a few choices per part, so that consecutive chunks often share their beginning and differ
     * right at, just before or just after the first text: ids, models (some escaped), key order, whitespace, the
     * delta's keys, finish reasons, usage, errors, tool calls, several choices, and cut or broken endings.
     */
    private static Arbitrary<String> chunk() {
        Arbitrary<String> id = Arbitraries.of("\"id\":\"c1\",", "\"id\":\"c2\",", "");
        Arbitrary<String> model = Arbitraries.of("\"model\":\"m\",", "\"model\":\"m\\u00e9\",", "");
        Arbitrary<String> usageBefore = Arbitraries.of("", "\"usage\":null,", "\"error\":null,", " ");
        Arbitrary<String> delta = Arbitraries.of(
                "{\"content\":\"a\"}",
                "{\"content\":\"b\\\"c\"}",
                "{\"role\":\"assistant\",\"content\":\"\"}",
                "{\"content\":null}",
                "{\"reasoning_content\":\"r\",\"content\":\"x\"}",
                "{\"refusal\":\"no\"}",
                "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":1}\"}}]}",
                "{}",
                "{ \"content\" : \"]}\" }");
        Arbitrary<String> finish = Arbitraries.of(",\"finish_reason\":null", ",\"finish_reason\":\"stop\"", "");
        Arbitrary<String> choices = Combinators.combine(
                        delta, finish, Arbitraries.integers().between(0, 1))
                .as((d, f, index) -> "{\"index\":" + index + ",\"delta\":" + d + f + "}");
        Arbitrary<String> choiceList = Arbitraries.oneOf(
                choices.map(c -> "[" + c + "]"),
                Combinators.combine(choices, choices).as((a, b) -> "[" + a + "," + b + "]"),
                Arbitraries.just("[]"));
        Arbitrary<String> after = Arbitraries.of(
                "}",
                ",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}",
                ",\"usage\":null}",
                ",\"error\":{\"message\":\"x\"}}",
                ",\"obfuscation\":\"q\"}",
                "",
                "}}",
                "} x");
        return Combinators.combine(id, model, usageBefore, choiceList, after)
                .as((i, m, u, c, a) -> "{" + i + m + u + "\"choices\":" + c + a);
    }
}
