package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.model.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Encodes a canonical answer as an OpenAI {@code chat.completion} object. Reasoning is written in the two
 * extension fields OpenAI-protocol clients of Anthropic and Gemini models already know:
 * {@code reasoning_content} (all reasoning text, DeepSeek's convention) and {@code thinking_blocks} (each
 * block with its signature, to send back unchanged on the next turn). A Gemini thought signature is written
 * on its tool call as {@code extra_content.google.thought_signature}, as Google's own OpenAI endpoint does.
 */
public final class OpenAiResponseEncoder {

    private OpenAiResponseEncoder() {}

    public static byte[] encode(ChatResponse response) {
        return OpenAiJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("id", response.id());
            g.writeStringField("object", "chat.completion");
            g.writeNumberField("created", response.created());
            g.writeStringField("model", response.model());
            g.writeArrayFieldStart("choices");
            for (Choice c : response.choices()) {
                g.writeStartObject();
                g.writeNumberField("index", c.index());
                g.writeFieldName("message");
                writeMessage(g, c.message());
                g.writeNullField("logprobs");
                if (c.finishReason() == null) {
                    g.writeNullField("finish_reason");
                } else {
                    g.writeStringField("finish_reason", c.finishReason().openAiName());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (response.usage() != null) {
                OpenAiUsage.write(g, response.usage());
            }
            if (response.systemFingerprint() != null) {
                g.writeStringField("system_fingerprint", response.systemFingerprint());
            } else {
                g.writeNullField("system_fingerprint");
            }
            g.writeEndObject();
        });
    }

    static void writeMessage(JsonGenerator g, Message m) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", "assistant");
        boolean hasText = false;
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = null;
        boolean hasBlocks = false;
        boolean hasCalls = false;
        for (ContentPart p : m.content()) {
            if (p instanceof ContentPart.Text t) {
                hasText = true;
                text.append(t.text());
            } else if (p instanceof ContentPart.Thinking t) {
                reasoning = reasoning == null ? new StringBuilder() : reasoning;
                reasoning.append(t.text());
                hasBlocks = true;
            } else if (p instanceof ContentPart.RedactedThinking) {
                hasBlocks = true;
            } else if (p instanceof ContentPart.ToolCall) {
                hasCalls = true;
            }
        }
        if (hasText) {
            g.writeStringField("content", text.toString());
        } else {
            g.writeNullField("content");
        }
        g.writeNullField("refusal");
        g.writeArrayFieldStart("annotations");
        g.writeEndArray();
        if (hasCalls) {
            g.writeArrayFieldStart("tool_calls");
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.ToolCall call) {
                    writeToolCall(g, -1, call.id(), call.name(), call.arguments(), call.thoughtSignature());
                }
            }
            g.writeEndArray();
        }
        if (reasoning != null) {
            g.writeStringField("reasoning_content", reasoning.toString());
        }
        if (hasBlocks) {
            g.writeArrayFieldStart("thinking_blocks");
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.Thinking || p instanceof ContentPart.RedactedThinking) {
                    writeThinkingBlock(g, p);
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Writes one tool call; {@code index} ≥ 0 adds the stream chunk's index field. Null fields are omitted. */
    static void writeToolCall(
            JsonGenerator g, int index, String id, String name, String arguments, String thoughtSignature)
            throws IOException {
        g.writeStartObject();
        if (index >= 0) {
            g.writeNumberField("index", index);
        }
        if (id != null) {
            g.writeStringField("id", id);
            g.writeStringField("type", "function");
        }
        g.writeObjectFieldStart("function");
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (arguments != null) {
            g.writeStringField("arguments", arguments);
        }
        g.writeEndObject();
        if (thoughtSignature != null) {
            g.writeObjectFieldStart("extra_content");
            g.writeObjectFieldStart("google");
            g.writeStringField("thought_signature", thoughtSignature);
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void writeThinkingBlock(JsonGenerator g, ContentPart block) throws IOException {
        g.writeStartObject();
        if (block instanceof ContentPart.Thinking t) {
            g.writeStringField("type", "thinking");
            g.writeStringField("thinking", t.text());
            if (t.signature() != null) {
                g.writeStringField("signature", t.signature());
            }
        } else if (block instanceof ContentPart.RedactedThinking r) {
            g.writeStringField("type", "redacted_thinking");
            g.writeStringField("data", r.data());
        }
        g.writeEndObject();
    }

    /**
     * Encodes embeddings as an OpenAI {@code list} object. With {@code base64} each vector is written as
     * base64 of its little-endian float32 values, as OpenAI does.
     */
    public static byte[] encodeEmbeddings(EmbeddingResponse response, boolean base64) {
        return OpenAiJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (int i = 0; i < response.vectors().size(); i++) {
                float[] v = response.vectors().get(i);
                g.writeStartObject();
                g.writeStringField("object", "embedding");
                g.writeNumberField("index", i);
                g.writeFieldName("embedding");
                if (base64) {
                    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (float f : v) {
                        buf.putFloat(f);
                    }
                    g.writeString(Base64.getEncoder().encodeToString(buf.array()));
                } else {
                    g.writeStartArray();
                    for (float f : v) {
                        g.writeNumber(f);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("model", response.model());
            long prompt = response.usage() == null ? 0 : response.usage().inputTokens();
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", prompt);
            g.writeNumberField("total_tokens", prompt);
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
