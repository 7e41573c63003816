package dev.meridian.core.sse;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event, as dispatched by {@link SseParser}.
 *
 * @param event the {@code event:} field, or null when absent (the spec's default type "message")
 * @param data  the {@code data:} lines joined with '\n', as UTF-8 bytes; null for a block that held only
 *              comments or other fields (a keep-alive), which is reported only when raw bytes are kept
 * @param id    the {@code id:} field, or null
 * @param raw   the exact bytes of the block including its terminating blank line, when the parser keeps
 *              them (pass-through forwarding); else null
 */
public record SseEvent(String event, byte[] data, String id, byte[] raw) {

    public boolean hasData() {
        return data != null;
    }

    public String dataAsString() {
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** True for OpenAI's end marker {@code data: [DONE]}. */
    public boolean isDone() {
        return data != null
                && data.length == 6
                && data[0] == '['
                && data[1] == 'D'
                && data[2] == 'O'
                && data[3] == 'N'
                && data[4] == 'E'
                && data[5] == ']';
    }
}
