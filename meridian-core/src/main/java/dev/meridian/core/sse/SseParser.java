package dev.meridian.core.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental parser of a {@code text/event-stream}, following the WHATWG event-stream interpretation:
 * lines end in CR, LF or CRLF (also when split across chunks), a leading UTF-8 BOM is skipped, lines
 * starting with ':' are comments, a single space after the field's colon is dropped, {@code data} lines
 * are joined with '\n', and a blank line dispatches the event. Works on bytes: data is never decoded to
 * text here, so a multi-byte character split across chunks is harmless.
 *
 * <p>Not thread-safe; one parser per stream. Feed chunks as they arrive, then call {@link #finish()}.
 */
public final class SseParser {

    private static final byte[] EMPTY = new byte[0];
    // Line ends are looked for eight bytes at a time: a provider's event is one line of a few hundred bytes.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';

    private final boolean keepRaw;

    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private String event;
    private String id;
    private byte[] raw;
    private int rawLength;
    private boolean lastWasCr;
    private int bomBytesSeen;
    private boolean started;

    /** @param keepRaw whether events carry their exact bytes (for pass-through forwarding) */
    public SseParser(boolean keepRaw) {
        this.keepRaw = keepRaw;
        this.raw = keepRaw ? new byte[512] : EMPTY;
    }

    public void feed(byte[] chunk, Consumer<SseEvent> out) {
        feed(chunk, 0, chunk.length, out);
    }

    /** Parses the next chunk of the stream, handing each complete event to {@code out} as it completes. */
    public void feed(byte[] chunk, int offset, int length, Consumer<SseEvent> out) {
        int end = offset + length;
        int i = offset;
        if (!started) {
            i = skipBom(chunk, i, end);
            if (i == end) {
                return;
            }
        }
        while (i < end) {
            if (lastWasCr) {
                lastWasCr = false;
                if (chunk[i] == '\n') {
                    // The LF of a CRLF whose CR ended the previous chunk: the line has already ended.
                    appendRaw(chunk, i, 1);
                    i++;
                    if (keepRaw && rawLength == 1 && lineLength == 0 && !hasData && event == null && id == null) {
                        // Forward the stray LF now rather than holding it until the next event.
                        out.accept(new SseEvent(null, null, null, Arrays.copyOf(raw, 1)));
                        rawLength = 0;
                    }
                    continue;
                }
            }
            int eol = lineEnd(chunk, i, end);
            if (eol == end) {
                // A partial line: keep it for the next chunk.
                appendLine(chunk, i, end - i);
                appendRaw(chunk, i, end - i);
                return;
            }
            int terminatorEnd = eol + 1;
            if (chunk[eol] == '\r') {
                if (eol + 1 < end && chunk[eol + 1] == '\n') {
                    terminatorEnd = eol + 2;
                } else if (eol + 1 == end) {
                    lastWasCr = true;
                }
            }
            appendRaw(chunk, i, terminatorEnd - i);
            if (lineLength == 0) {
                endOfLine(chunk, i, eol - i, out);
            } else {
                appendLine(chunk, i, eol - i);
                endOfLine(line, 0, lineLength, out);
                lineLength = 0;
            }
            i = terminatorEnd;
        }
    }

    /** The index of the first CR or LF in {@code [i, end)}, or {@code end}. */
    static int lineEnd(byte[] b, int i, int end) {
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long lf = word ^ LFS;
            long cr = word ^ CRS;
            // A byte of lf or cr is zero where the word holds LF or CR; the lowest flag marks the first of them
            // exactly (a borrow can only raise false flags above a real zero byte).
            long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < end && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i;
    }

    /**
     * Ends the stream. Per the spec an event without its terminating blank line is discarded; returns true
     * when such a partial event (or partial line) was pending, which tells a caller the stream was cut.
     */
    public boolean finish() {
        boolean pending = lineLength > 0 || hasData || event != null || id != null;
        lineLength = 0;
        resetEvent();
        return pending;
    }

    private int skipBom(byte[] chunk, int i, int end) {
        final byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        while (i < end && bomBytesSeen < 3) {
            if (chunk[i] != bom[bomBytesSeen]) {
                // Not a BOM after all: replay the bytes taken for one as ordinary input.
                started = true;
                int seen = bomBytesSeen;
                bomBytesSeen = 3;
                appendLine(bom, 0, seen);
                appendRaw(bom, 0, seen);
                return i;
            }
            bomBytesSeen++;
            i++;
        }
        if (bomBytesSeen == 3) {
            started = true;
        }
        return i;
    }

    private void endOfLine(byte[] buf, int start, int length, Consumer<SseEvent> out) {
        if (length == 0) {
            dispatch(out);
        } else if (buf[start] != ':') {
            processField(buf, start, length);
        }
    }

    private void processField(byte[] buf, int start, int length) {
        int end = start + length;
        int colon = -1;
        for (int k = start; k < end; k++) {
            if (buf[k] == ':') {
                colon = k;
                break;
            }
        }
        int nameEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && buf[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = end - valueStart;
        int nameLength = nameEnd - start;
        if (is(buf, start, nameLength, "data")) {
            ensureData(valueLength + 1);
            if (hasData) {
                data[dataLength++] = '\n';
            }
            System.arraycopy(buf, valueStart, data, dataLength, valueLength);
            dataLength += valueLength;
            hasData = true;
        } else if (is(buf, start, nameLength, "event")) {
            event = new String(buf, valueStart, valueLength, StandardCharsets.UTF_8);
        } else if (is(buf, start, nameLength, "id")) {
            String value = new String(buf, valueStart, valueLength, StandardCharsets.UTF_8);
            if (value.indexOf('\0') < 0) {
                id = value;
            }
        }
        // "retry" and unknown fields are ignored, as the spec requires.
    }

    private static boolean is(byte[] buf, int start, int length, String name) {
        if (length != name.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (buf[start + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void dispatch(Consumer<SseEvent> out) {
        byte[] rawBytes = keepRaw ? Arrays.copyOf(raw, rawLength) : null;
        if (hasData) {
            out.accept(new SseEvent(event, Arrays.copyOf(data, dataLength), id, rawBytes));
        } else if (keepRaw && rawLength > 0) {
            out.accept(new SseEvent(event, null, id, rawBytes));
        }
        resetEvent();
    }

    private void resetEvent() {
        dataLength = 0;
        hasData = false;
        event = null;
        id = null;
        rawLength = 0;
    }

    private void appendLine(byte[] src, int offset, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(src, offset, line, lineLength, length);
        lineLength += length;
    }

    private void ensureData(int extra) {
        if (dataLength + extra > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + extra));
        }
    }

    private void appendRaw(byte[] src, int offset, int length) {
        if (!keepRaw || length == 0) {
            return;
        }
        if (rawLength + length > raw.length) {
            raw = Arrays.copyOf(raw, Math.max(raw.length * 2, rawLength + length));
        }
        System.arraycopy(src, offset, raw, rawLength, length);
        rawLength += length;
    }
}
