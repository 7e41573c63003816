package dev.meridian.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.protocol.anthropic.AnthropicStreamDecoder;
import dev.meridian.core.protocol.openai.OpenAiStreamEncoder;
import dev.meridian.core.relay.TranslatedStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restoration through a whole translated stream (Anthropic upstream, OpenAI caller), with the provider's bytes cut at
 * every position: placeholders split inside events, across events and inside multi-byte characters all come back
 * as the caller's values, in text and in tool-call arguments.
 */
class RestoreStreamBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static String text(String t) {
        return event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + t
                        + "\"}}");
    }

    private static String args(String json) {
        return event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                        + quoted(json) + "}}");
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String UPSTREAM = event(
                    "message_start",
                    "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                            + "\"model\":\"claude-x\",\"usage\":{\"input_tokens\":9,\"output_tokens\":1},\"content\":[]}}")
            + event(
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
            + text("电邮 [EMA")
            + text("IL_1] 和 [PHO")
            + text("NE_CN_1]。")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + event(
                    "content_block_start",
                    "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                            + "\"name\":\"send\",\"input\":{}}}")
            + args("{\"to\":\"[EM")
            + args("AIL_1]\"}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
            + event(
                    "message_delta",
                    "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":12}}")
            + event("message_stop", "{\"type\":\"message_stop\"}");

    private final PiiVault vault = vault();

    private static PiiVault vault() {
        PiiVault v = new PiiVault();
        v.placeholder("email", "jane@corp.example");
        v.placeholder("phone_cn", "13812345678");
        return v;
    }

    @Test
    void everyCutOfTheProvidersBytes_givesTheCallerItsValues() throws Exception {
        byte[] bytes = UPSTREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            String caller = relay(List.of(
                    java.util.Arrays.copyOfRange(bytes, 0, cut),
                    java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
            assertRestored(caller, "cut at byte " + cut);
        }
        byte[][] single = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            single[i] = new byte[] {bytes[i]};
        }
        assertRestored(relay(List.of(single)), "one byte per chunk");
    }

    private void assertRestored(String caller, String how) throws Exception {
        StringBuilder content = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        for (String e : caller.split("\n\n")) {
            if (e.startsWith("data: {")) {
                JsonNode chunk = JSON.readTree(e.substring(6));
                content.append(chunk.at("/choices/0/delta/content").asText(""));
                arguments.append(chunk.at("/choices/0/delta/tool_calls/0/function/arguments")
                        .asText(""));
            }
        }
        assertThat(content.toString()).as(how).isEqualTo("电邮 jane@corp.example 和 13812345678。");
        assertThat(arguments.toString()).as(how).isEqualTo("{\"to\":\"jane@corp.example\"}");
    }

    private String relay(List<byte[]> chunks) {
        TranslatedStream stream = new TranslatedStream(
                new AnthropicStreamDecoder("anthropic", Clock.systemUTC()),
                List.of(new RestoreFilter(vault)),
                new OpenAiStreamEncoder(false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            stream.onBytes(chunk, out::writeBytes);
        }
        stream.onEnd(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }
}
