package dev.meridian.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.protocol.openai.OpenAiChatProtocol;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static CacheFingerprint key(String body, String group) {
        return OpenAiChatProtocol.INSTANCE
                .read(body.getBytes(StandardCharsets.UTF_8))
                .fingerprint(group);
    }

    private static final String BASE = """
            {"model":"gpt-4o","messages":[{"role":"user","content":"What is 2+2?"}],"temperature":0.2,\
            "max_tokens":50,"seed":7,"stop":["\\n"],"tools":[{"type":"function","function":{"name":"f",\
            "parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}],"tool_choice":"auto",\
            "response_format":{"type":"text"}}""";

    @Test
    void fingerprint_keyOrderAndWhitespaceDoNotMatter() {
        String reordered = """
                { "tool_choice" : "auto", "seed": 7, "stop": [ "\\n" ],
                  "response_format": {"type":"text"}, "max_tokens": 50,
                  "tools": [ { "function": { "parameters": { "properties": {"a":{"type":"string"}},
                  "type": "object" }, "name": "f" }, "type": "function" } ],
                  "temperature": 0.20, "messages": [ { "content": "What is 2+2?", "role": "user" } ],
                  "model": "gpt-4o" }""";
        assertThat(key(reordered, "gpt-4o")).isEqualTo(key(BASE, "gpt-4o"));
        assertThat(key(BASE, "gpt-4o").sha256()).hasSize(64);
    }

    @Test
    void fingerprint_leavesOutStreamUserMetadata() {
        String streamed = BASE.replace(
                "{\"model\"",
                "{\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"user\":\"u-42\",\"metadata\":{\"trace\":\"x\"},\"model\"");
        assertThat(key(streamed, "gpt-4o")).isEqualTo(key(BASE, "gpt-4o"));
    }

    @Test
    void fingerprint_numbersCompareByValue() {
        String one = BASE.replace("\"temperature\":0.2", "\"temperature\":1");
        assertThat(key(one.replace(":1,", ":1.0,"), "g"))
                .isEqualTo(key(one.replace(":1,", ":1e0,"), "g"))
                .isEqualTo(key(one, "g"));
    }

    @Test
    void fingerprint_aliasesOfOneGroupShareAKey_groupsDoNot() {
        assertThat(key(BASE.replace("gpt-4o", "my-alias"), "gpt-4o")).isEqualTo(key(BASE, "gpt-4o"));
        assertThat(key(BASE, "gpt-4o")).isNotEqualTo(key(BASE, "claude"));
    }

    @Test
    void fingerprint_everyFieldThatChangesTheAnswerChangesTheKey() {
        CacheFingerprint base = key(BASE, "g");
        String[][] changes = {
            {"What is 2+2?", "What is 2+3?"},
            {"\"role\":\"user\"", "\"role\":\"system\""},
            {"\"temperature\":0.2", "\"temperature\":0.3"},
            {"\"max_tokens\":50", "\"max_tokens\":51"},
            {"\"seed\":7", "\"seed\":8"},
            {"[\"\\n\"]", "[\"END\"]"},
            {"\"name\":\"f\"", "\"name\":\"g\""},
            {"\"tool_choice\":\"auto\"", "\"tool_choice\":\"required\""},
            {"{\"type\":\"text\"}", "{\"type\":\"json_object\"}"},
            {"\"seed\":7", "\"seed\":7,\"top_p\":0.9"},
            {"\"seed\":7", "\"seed\":7,\"reasoning_effort\":\"high\""},
            {"\"seed\":7", "\"seed\":7,\"n\":2"},
        };
        for (String[] change : changes) {
            assertThat(key(BASE.replace(change[0], change[1]), "g"))
                    .as("changing %s to %s", change[0], change[1])
                    .isNotEqualTo(base);
        }
    }

    @Test
    void fingerprint_theSameJsonAtAnotherDoor_isAnotherKey() throws Exception {
        var tree = dev.meridian.core.json.Json.parse(BASE.getBytes(StandardCharsets.UTF_8));
        assertThat(CanonicalJson.fingerprint(tree, java.util.Set.of(), "model", "g", "OPENAI CHAT"))
                .isEqualTo(key(BASE, "g"))
                .isNotEqualTo(CanonicalJson.fingerprint(tree, java.util.Set.of(), "model", "g", "ANTHROPIC CHAT"));
    }

    @Test
    void fingerprint_readsTheTemperature() {
        assertThat(key(BASE, "g").temperature()).isEqualTo(0.2);
        assertThat(key(BASE.replace("\"temperature\":0.2,", ""), "g").temperature())
                .isNull();
    }
}
