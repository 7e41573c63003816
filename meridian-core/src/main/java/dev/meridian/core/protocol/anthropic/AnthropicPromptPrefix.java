package dev.meridian.core.protocol.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.inbound.PromptPrefix;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.security.MessageDigest;

/**
 * Finds the stable prefix of a Messages body in its bytes, with one streaming pass and no tree, in the order
 * Anthropic's prompt cache reads a prompt: the {@code tools} value, the {@code system} value, and the
 * {@code messages} array up to its last element. The digest is of the caller's bytes, so an agent resending its
 * conversation shares the prefix of its previous turn. Runs only on bodies of at least the caller's minimum.
 */
final class AnthropicPromptPrefix {

    private AnthropicPromptPrefix() {}

    /** The prefix of a body the front door already read; null when shorter than {@code minBytes} or absent. */
    static PromptPrefix read(byte[] body, long minBytes) {
        if (body.length < minBytes) {
            return null;
        }
        int[] tools = {-1, -1};
        int[] system = {-1, -1};
        int messagesStart = -1;
        int lastMessageStart = -1;
        try (JsonParser p = Json.SCAN_FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("tools") || name.equals("system")) {
                    int[] range = name.equals("tools") ? tools : system;
                    range[0] = offset(p, true);
                    if (value.isScalarValue()) {
                        p.finishToken(); // a string system prompt: read to its closing quote
                    } else {
                        p.skipChildren();
                    }
                    range[1] = offset(p, false);
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
        long toolBytes = tools[0] < 0 ? 0 : tools[1] - tools[0];
        long systemBytes = system[0] < 0 ? 0 : system[1] - system[0];
        long messageBytes = lastMessageStart < 0 ? 0 : lastMessageStart - messagesStart;
        long total = toolBytes + systemBytes + messageBytes;
        if (total < minBytes || total == 0) {
            return null;
        }
        MessageDigest sha = PromptPrefix.sha256();
        sha.update(body, Math.max(0, tools[0]), (int) toolBytes);
        sha.update((byte) 0);
        sha.update(body, Math.max(0, system[0]), (int) systemBytes);
        sha.update((byte) 0);
        sha.update(body, Math.max(0, messagesStart), (int) messageBytes);
        return new PromptPrefix(sha.digest(), total);
    }

    private static int offset(JsonParser p, boolean tokenStart) {
        return (int) (tokenStart ? p.currentTokenLocation() : p.currentLocation()).getByteOffset();
    }
}
