package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's legacy {@code text_completion} object in both directions: a canonical answer written for a completions
 * caller ({@code {"id","object":"text_completion","created","model","choices":[{"text","index","logprobs":null,
 * "finish_reason"}],"usage"}}), and read back (a cached answer). A choice's text is its message's text; reasoning
 * has no place in this format and is left out.
 */
public final class OpenAiTextCompletion {

    static final String OBJECT = "text_completion";

    private OpenAiTextCompletion() {}

    /** The answer as a {@code text_completion} body. */
    public static byte[] encode(ChatResponse response) {
        return OpenAiJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("id", response.id());
            g.writeStringField("object", OBJECT);
            g.writeNumberField("created", response.created());
            g.writeStringField("model", response.model());
            g.writeArrayFieldStart("choices");
            for (Choice c : response.choices()) {
                writeChoice(g, c.index(), c.message().text(), c.finishReason());
            }
            g.writeEndArray();
            if (response.usage() != null) {
                OpenAiUsage.write(g, response.usage());
            }
            if (response.systemFingerprint() != null) {
                g.writeStringField("system_fingerprint", response.systemFingerprint());
            }
            g.writeEndObject();
        });
    }

    /** One choice; {@code finishReason} null while a stream is under way. */
    static void writeChoice(JsonGenerator g, int index, String text, FinishReason finishReason) throws IOException {
        g.writeStartObject();
        g.writeStringField("text", text);
        g.writeNumberField("index", index);
        g.writeNullField("logprobs");
        if (finishReason == null) {
            g.writeNullField("finish_reason");
        } else {
            // Legacy completions know stop, length and content_filter; no tools are offered, so no tool_calls.
            g.writeStringField(
                    "finish_reason", finishReason == FinishReason.TOOL_CALLS ? "stop" : finishReason.openAiName());
        }
        g.writeEndObject();
    }

    /**
     * Reads a {@code text_completion} body back into a canonical answer, each choice's text as an assistant message.
     *
     * @throws dev.meridian.core.error.GatewayException {@code UPSTREAM_ERROR} naming {@code source} when the body is
     *                                                  not a text completion
     */
    public static ChatResponse decode(String source, byte[] body) {
        JsonNode root = OpenAiResponseDecoder.parse(source, body, OBJECT);
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || !OBJECT.equals(Json.text(root, "object"))) {
            throw UpstreamErrors.malformed(source, "text completion: expected an object \"text_completion\"");
        }
        List<Choice> out = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            String reason = Json.text(c, "finish_reason");
            out.add(new Choice(
                    c.path("index").asInt(i),
                    Message.of(Role.ASSISTANT, c.path("text").asText("")),
                    reason == null ? null : FinishReason.fromOpenAi(reason)));
        }
        return new ChatResponse(
                root.path("id").asText("cmpl-unknown"),
                root.path("model").asText("unknown"),
                root.path("created").asLong(0),
                out,
                OpenAiUsage.read(root.get("usage")),
                Json.text(root, "system_fingerprint"));
    }
}
