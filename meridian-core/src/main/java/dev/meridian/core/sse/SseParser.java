package dev.meridian.core.sse;

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
        int segmentStart = i;
        for (; i < end; i++) {
            byte b = chunk[i];
            if (b != '\n' && b != '\r') {
                lastWasCr = false;
                appendLine(b);
                continue;
            }
            if (b == '\n' && lastWasCr) {
                // The LF of a CRLF whose CR ended the previous chunk: the line has already ended.
                lastWasCr = false;
                appendRaw(chunk, segmentStart, i + 1 - segmentStart);
                segmentStart = i + 1;
                if (keepRaw && rawLength == 1 && lineLength == 0 && !hasData && event == null && id == null) {
                    // Forward the stray LF now rather than holding it until the next event.
                    out.accept(new SseEvent(null, null, null, Arrays.copyOf(raw, 1)));
                    rawLength = 0;
                }
                continue;
            }
            int terminatorEnd = i + 1;
            lastWasCr = false;
            if (b == '\r') {
                if (i + 1 < end && chunk[i + 1] == '\n') {
                    terminatorEnd = i + 2;
                } else {
                    lastWasCr = true;
                }
            }
            appendRaw(chunk, segmentStart, terminatorEnd - segmentStart);
            segmentStart = terminatorEnd;
            i = terminatorEnd - 1;
            endOfLine(out);
        }
        appendRaw(chunk, segmentStart, end - segmentStart);
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
                for (int k = 0; k < seen; k++) {
                    appendLine(bom[k]);
                }
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

    private void endOfLine(Consumer<SseEvent> out) {
        if (lineLength == 0) {
            dispatch(out);
            return;
        }
        if (line[0] != ':') {
            processField();
        }
        lineLength = 0;
    }

    private void processField() {
        int colon = -1;
        for (int k = 0; k < lineLength; k++) {
            if (line[k] == ':') {
                colon = k;
                break;
            }
        }
        int nameEnd = colon < 0 ? lineLength : colon;
        int valueStart = colon < 0 ? lineLength : colon + 1;
        if (valueStart < lineLength && line[valueStart] == ' ') {
            valueStart++;
        }
        int valueLength = lineLength - valueStart;
        if (is("data", nameEnd)) {
            if (hasData) {
                appendData((byte) '\n');
            }
            ensureData(valueLength);
            System.arraycopy(line, valueStart, data, dataLength, valueLength);
            dataLength += valueLength;
            hasData = true;
        } else if (is("event", nameEnd)) {
            event = new String(line, valueStart, valueLength, StandardCharsets.UTF_8);
        } else if (is("id", nameEnd)) {
            String value = new String(line, valueStart, valueLength, StandardCharsets.UTF_8);
            if (value.indexOf('\0') < 0) {
                id = value;
            }
        }
        // "retry" and unknown fields are ignored, as the spec requires.
    }

    private boolean is(String name, int nameEnd) {
        if (nameEnd != name.length()) {
            return false;
        }
        for (int k = 0; k < nameEnd; k++) {
            if (line[k] != name.charAt(k)) {
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

    private void appendLine(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    private void appendData(byte b) {
        ensureData(1);
        data[dataLength++] = b;
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
