package dev.meridian.core.protocol.openai;

/**
 * Takes the {@code "usage": null} out of a stream chunk. Asked for {@code stream_options.include_usage}, OpenAI
 * puts {@code "usage": null} on every chunk before the usage chunk; the gateway asks for usage on behalf of callers
 * who did not, and such a caller must receive the chunks exactly as if it had not. Works on the event's raw bytes:
 * a {@code "usage"} key is recognised by what precedes it ({@code {} or {@code ,}), which a quote inside a JSON
 * string never has (it is escaped there). Stateless.
 */
final class NullUsage {

    private static final byte[] KEY = {'"', 'u', 's', 'a', 'g', 'e', '"'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private NullUsage() {}

    /** {@code raw} without its top-level {@code "usage": null} member, or {@code raw} itself when it has none. */
    static byte[] strip(byte[] raw) {
        for (int at = indexOf(raw, KEY, 0); at >= 0; at = indexOf(raw, KEY, at + 1)) {
            int colon = skipSpace(raw, at + KEY.length);
            if (colon >= raw.length || raw[colon] != ':') {
                continue;
            }
            int value = skipSpace(raw, colon + 1);
            if (!startsWith(raw, value, NULL)) {
                continue;
            }
            int end = value + NULL.length;
            int before = at - 1;
            while (before >= 0 && space(raw[before])) {
                before--;
            }
            if (before >= 0 && raw[before] == ',') {
                return cut(raw, before, end); // ..., "usage": null} or ..., "usage": null, ...
            }
            if (before >= 0 && raw[before] == '{') {
                int after = skipSpace(raw, end);
                return after < raw.length && raw[after] == ',' ? cut(raw, at, after + 1) : cut(raw, at, end);
            }
        }
        return raw;
    }

    private static byte[] cut(byte[] raw, int from, int to) {
        byte[] out = new byte[raw.length - (to - from)];
        System.arraycopy(raw, 0, out, 0, from);
        System.arraycopy(raw, to, out, from, raw.length - to);
        return out;
    }

    private static int indexOf(byte[] raw, byte[] what, int from) {
        outer:
        for (int i = from; i <= raw.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (raw[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] raw, int at, byte[] what) {
        if (at + what.length > raw.length) {
            return false;
        }
        for (int j = 0; j < what.length; j++) {
            if (raw[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(byte[] raw, int at) {
        while (at < raw.length && space(raw[at])) {
            at++;
        }
        return at;
    }

    private static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
