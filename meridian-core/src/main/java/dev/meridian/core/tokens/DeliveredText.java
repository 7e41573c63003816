package dev.meridian.core.tokens;

import com.fasterxml.jackson.core.JsonParser;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text of an answer as it went to the caller (content, reasoning, tool-call arguments), kept so that output
 * tokens can be counted when the provider never reports them: a stream cut, or a caller who left. Only the first
 * {@value #KEPT} characters are kept, with the length of the whole; the count beyond them is extrapolated at the
 * kept part's tokens per character, so a stream's memory stays bounded whatever its length. Takes decoded text
 * (translated streams) and JSON string contents still escaped (pass-through streams, unescaped only when counted).
 * Confined to its stream.
 */
public final class DeliveredText {

    static final int KEPT = 4096;

    private StringBuilder plain;
    private long plainTotal;
    private byte[] escaped;
    private int escapedLength;
    private long escapedTotal;

    /** Decoded text sent to the caller. */
    public void append(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        plainTotal += text.length();
        if (plain == null) {
            plain = new StringBuilder(Math.min(KEPT, Math.max(64, text.length())));
        }
        int room = KEPT - plain.length();
        if (room > 0) {
            plain.append(text, 0, Math.min(room, text.length()));
        }
    }

    /** The content of a JSON string, {@code data[start, end)}, as it stands between its quotes (still escaped). */
    public void appendJsonString(byte[] data, int start, int end) {
        int length = end - start;
        if (length <= 0) {
            return;
        }
        escapedTotal += length;
        if (escapedLength + length > KEPT) {
            return; // only whole strings are kept: an escape is never split
        }
        if (escaped == null || escaped.length < escapedLength + length) {
            escaped = Arrays.copyOf(
                    escaped == null ? new byte[0] : escaped, Math.min(KEPT, 2 * (escapedLength + length)));
        }
        System.arraycopy(data, start, escaped, escapedLength, length);
        escapedLength += length;
    }

    /** Whether any text went to the caller. */
    public boolean isEmpty() {
        return plainTotal == 0 && escapedTotal == 0;
    }

    /** The tokens of everything delivered, counted for {@code model} (extrapolated past the kept part). */
    public long tokens(String model) {
        long tokens = 0;
        if (plainTotal > 0) {
            tokens += extrapolate(TokenCounter.count(plain.toString(), model), plain.length(), plainTotal);
        }
        if (escapedTotal > 0) {
            String text = unescape();
            tokens += extrapolate(TokenCounter.count(text, model), escapedLength, escapedTotal);
        }
        return tokens;
    }

    private static long extrapolate(int counted, long kept, long total) {
        return kept == 0 ? 0 : Math.round(counted * ((double) total / kept));
    }

    private String unescape() {
        if (escapedLength == 0) {
            return "";
        }
        byte[] quoted = new byte[escapedLength + 2];
        quoted[0] = '"';
        System.arraycopy(escaped, 0, quoted, 1, escapedLength);
        quoted[quoted.length - 1] = '"';
        try (JsonParser p = Json.FACTORY.createParser(quoted)) {
            p.nextToken();
            return p.getText();
        } catch (IOException e) {
            // A provider's malformed escape: count the bytes as they stand rather than nothing.
            return new String(escaped, 0, escapedLength, StandardCharsets.UTF_8);
        }
    }
}
