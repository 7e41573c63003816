package dev.meridian.core.protocol.openai;

/**
 * Takes the {@code "usage": null} out of a stream chunk. Asked for {@code stream_options.include_usage}, OpenAI
 * puts {@code "usage": null} on every chunk before the usage chunk; the gateway asks for usage on behalf of callers
 * who did not, and such a caller must receive the chunks exactly as if it had not. The {@link OpenAiChunkScanner}
 * already found the member while reading the chunk, so this only splices: no search, one copy. Stateless.
 */
final class NullUsage {

    private static final byte[] DATA = {'d', 'a', 't', 'a', ':', ' '};
    private static final byte[] END = {'\n', '\n'};

    private NullUsage() {}

    /**
     * The chunk {@code data} as an SSE event without its member {@code [keyStart, valueEnd)}, together with the comma
     * that separates it from its neighbour.
     */
    static byte[] event(byte[] data, int keyStart, int valueEnd) {
        int from = keyStart;
        int to = valueEnd;
        int before = keyStart - 1;
        while (before >= 0 && space(data[before])) {
            before--;
        }
        if (before >= 0 && data[before] == ',') {
            from = before; // ..., "usage": null} or ..., "usage": null, ...
        } else {
            int after = to;
            while (after < data.length && space(data[after])) {
                after++;
            }
            if (after < data.length && data[after] == ',') {
                to = after + 1; // {"usage": null, ...
            }
        }
        byte[] event = new byte[DATA.length + data.length - (to - from) + END.length];
        System.arraycopy(DATA, 0, event, 0, DATA.length);
        System.arraycopy(data, 0, event, DATA.length, from);
        System.arraycopy(data, to, event, DATA.length + from, data.length - to);
        System.arraycopy(END, 0, event, event.length - END.length, END.length);
        return event;
    }

    private static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
