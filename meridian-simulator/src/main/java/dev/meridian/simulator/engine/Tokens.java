package dev.meridian.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulator's tokenizer: a text of {@code b} UTF-8 bytes is {@code max(1, ceil(b / 4))} tokens,
 * the empty text 0. Crude on purpose: tests can compute expected usage by hand.
 */
public final class Tokens {

    private Tokens() {}

    public static int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int bytes = utf8Length(text);
        return Math.max(1, (bytes + 3) / 4);
    }

    /** Tokens of a JSON value written compactly (tool definitions, tool arguments, schemas). */
    public static int count(JsonNode json) {
        return json.isMissingNode() || json.isNull() ? 0 : count(Json.compact(json));
    }

    /** The longest prefix of {@code text} that is at most {@code tokens} tokens, cut at a code point. */
    public static String truncate(String text, int tokens) {
        int maxBytes = tokens * 4;
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
