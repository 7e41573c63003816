package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.inbound.PromptPrefix;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.security.MessageDigest;

/**
 * Finds the stable prefix of an OpenAI chat body in its bytes, with one streaming pass and no tree: the
 * {@code tools} value and the {@code messages} array up to its last element (system prompt and earlier turns). The
 * digest is of the caller's bytes, so two requests share a prefix when they send the same tools and earlier
 * messages written the same way, which is what an SDK resending a conversation does. Runs only on bodies of at
 * least the caller's minimum, so a short request costs one length check.
 */
final class OpenAiPromptPrefix {

    private OpenAiPromptPrefix() {}

    /** The prefix of a body the front door already validated; null when shorter than {@code minBytes} or absent. */
    static PromptPrefix read(byte[] body, long minBytes) {
        if (body.length < minBytes) {
            return null;
        }
        int toolsStart = -1;
        int toolsEnd = -1;
        int messagesStart = -1;
        int lastMessageStart = -1;
        try (JsonParser p = Json.SCAN_FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("tools") && value == JsonToken.START_ARRAY) {
                    toolsStart = offset(p, true);
                    p.skipChildren();
                    toolsEnd = offset(p, false);
                } else if (name.equals("messages") && value == JsonToken.START_ARRAY) {
                    messagesStart = offset(p, true);
                    int count = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        lastMessageStart = offset(p, true);
                        count++;
                        p.skipChildren();
                    }
                    if (count < 2) {
                        lastMessageStart = -1;
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        long toolBytes = toolsStart < 0 ? 0 : toolsEnd - toolsStart;
        long messageBytes = lastMessageStart < 0 ? 0 : lastMessageStart - messagesStart;
        if (toolBytes + messageBytes < minBytes || toolBytes + messageBytes == 0) {
            return null;
        }
        MessageDigest sha = PromptPrefix.sha256();
        if (toolBytes > 0) {
            sha.update(body, toolsStart, (int) toolBytes);
        }
        sha.update((byte) 0);
        if (messageBytes > 0) {
            sha.update(body, messagesStart, (int) messageBytes);
        }
        return new PromptPrefix(sha.digest(), toolBytes + messageBytes);
    }

    private static int offset(JsonParser p, boolean tokenStart) {
        return (int) (tokenStart ? p.currentTokenLocation() : p.currentLocation()).getByteOffset();
    }
}
