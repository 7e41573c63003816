package dev.meridian.core.protocol.openai;

import java.nio.charset.StandardCharsets;

/**
 * A single-pass look, without allocation per chunk, at one OpenAI stream chunk, for the pass-through relay: checks the
 * JSON is structurally sound (balanced objects and arrays, terminated strings, nothing after the root) and
 * finds the few things the relay needs: the model, whether {@code usage} holds an object, whether
 * {@code choices} is empty, whether a choice has a {@code finish_reason}, and whether there is an
 * {@code error}. Only the rare chunk with usage or an error needs a real parse afterwards.
 *
 * <p>Not a full validator: the spelling of numbers and literals is not checked (the provider's JSON is
 * trusted to that degree). Reusable, one per stream; not thread-safe. From the second chunk on, a chunk that begins
 * like the last one read in full is read from its first text value on ({@link ChunkScanState}); a stream's chunks
 * differ only after it, so most of their bytes are compared (a vectorised mismatch) rather than scanned.
 */
public final class OpenAiChunkScanner {

    private static final int MAX_DEPTH = 64;
    private static final int NONE = 0;
    private static final int MODEL = 1;
    private static final int USAGE = 2;
    private static final int ERROR = 3;
    private static final int CHOICES = 4;
    private static final int FINISH_REASON = 5;
    private static final int TEXT = 6;

    private boolean wellFormed;
    private final ChunkScanState.Found found = new ChunkScanState.Found();
    /** The state saved at the last full scan's first text value; made at the second scan (one-shot scans need none). */
    private ChunkScanState saved;

    private boolean scannedBefore;
    /** Scans that resumed at a saved text value (read by tests). */
    int resumed;
    /** {@code [start, end)} pairs of the text strings delivered in this chunk, still escaped. */
    private int[] texts = new int[8];

    private int textCount;

    /**
     * Scans {@code data}; read the results with the accessors until the next scan. When {@code data} begins with
     * the same bytes as the last chunk read in full, up to its first text value, the scan resumes there.
     */
    public void scan(byte[] data) {
        textCount = 0;
        if (saved != null && saved.resumes(data)) {
            found.copyFrom(saved.found);
            resumed++;
            wellFormed = scanFrom(data, saved.at, saved.objects, saved.depth, false, TEXT, saved.keyStart, true, false);
        } else {
            found.reset();
            if (scannedBefore && saved == null) {
                saved = new ChunkScanState();
            }
            wellFormed = scanInternal(data);
        }
        scannedBefore = true;
    }

    private boolean scanInternal(byte[] d) {
        int i = skipWhitespace(d, 0);
        if (i >= d.length || d[i] != '{') {
            return false;
        }
        return scanFrom(d, i, 0, 0, false, NONE, -1, false, saved != null);
    }

    /**
     * The scan loop from {@code i} in the given state; with {@code save}, the state at the first text value is
     * saved for the next chunk.
     */
    private boolean scanFrom(
            byte[] d,
            int i,
            long objects,
            int depth,
            boolean expectKey,
            int key,
            int keyStart,
            boolean valueNext,
            boolean save) {
        int n = d.length;
        while (i < n) {
            byte c = d[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
                continue;
            }
            if (valueNext) {
                valueNext = false;
                if (save && key == TEXT) {
                    saved.save(d, i, objects, depth, keyStart, found);
                    save = false;
                }
                onValue(key, d, i);
                if (key == USAGE && found.usageObject) {
                    found.usageStart = i;
                    found.usageDepth = depth;
                } else if (key == USAGE && d[i] == 'n') {
                    found.usageNullStart = keyStart;
                    found.usageNullEnd = i + 4;
                }
                key = NONE;
            }
            switch (c) {
                case '{', '[' -> {
                    if (depth == MAX_DEPTH) {
                        return false;
                    }
                    objects = c == '{' ? objects | (1L << depth) : objects & ~(1L << depth);
                    depth++;
                    expectKey = c == '{';
                    i++;
                }
                case '}', ']' -> {
                    if (depth == 0 || ((objects >>> (depth - 1)) & 1L) != (c == '}' ? 1L : 0L)) {
                        return false;
                    }
                    depth--;
                    expectKey = false;
                    i++;
                    if (depth == found.usageDepth) {
                        found.usageEnd = i;
                        found.usageDepth = -1;
                    }
                    if (depth == 0) {
                        return skipWhitespace(d, i) == n;
                    }
                }
                case ',' -> {
                    expectKey = ((objects >>> (depth - 1)) & 1L) == 1L;
                    i++;
                }
                case ':' -> {
                    valueNext = true;
                    i++;
                }
                case '"' -> {
                    int end = stringEnd(d, i + 1);
                    if (end < 0) {
                        return false;
                    }
                    if (expectKey) {
                        key = keyAt(d, i + 1, end, depth);
                        keyStart = i;
                        expectKey = false;
                    }
                    i = end + 1;
                }
                default -> i++;
            }
        }
        return false;
    }

    /** Examines the first byte of the value of a key of interest. */
    private void onValue(int key, byte[] d, int i) {
        switch (key) {
            case MODEL -> {
                if (d[i] == '"') {
                    int end = stringEnd(d, i + 1);
                    if (end > 0) {
                        found.modelStart = i + 1;
                        found.modelEnd = end;
                        for (int k = found.modelStart; k < end; k++) {
                            found.modelEscaped |= d[k] == '\\';
                        }
                    }
                }
            }
            case USAGE -> found.usageObject = d[i] == '{';
            case ERROR -> found.error = d[i] != 'n';
            case CHOICES -> {
                if (d[i] == '[') {
                    int next = skipWhitespace(d, i + 1);
                    found.choicesEmpty = next < d.length && d[next] == ']';
                }
            }
            case FINISH_REASON -> found.finished |= d[i] == '"';
            case TEXT -> {
                if (d[i] == '"') {
                    int end = stringEnd(d, i + 1);
                    if (end > 0) {
                        text(i + 1, end);
                    }
                }
            }
            default -> {}
        }
    }

    /** The index of the quote closing a string whose content starts at {@code i}, or -1. */
    private static int stringEnd(byte[] d, int i) {
        while (i < d.length) {
            byte b = d[i];
            if (b == '"') {
                return i;
            }
            i += b == '\\' ? 2 : 1;
        }
        return -1;
    }

    private static int keyAt(byte[] d, int start, int end, int depth) {
        int len = end - start;
        if (depth == 1) {
            if (len == 5 && is(d, start, "model")) {
                return MODEL;
            }
            if (len == 5 && is(d, start, "usage")) {
                return USAGE;
            }
            if (len == 5 && is(d, start, "error")) {
                return ERROR;
            }
            if (len == 7 && is(d, start, "choices")) {
                return CHOICES;
            }
        } else if (depth == 3 && len == 13 && is(d, start, "finish_reason")) {
            return FINISH_REASON;
        } else if (depth >= 4 && isText(d, start, len)) {
            return TEXT;
        }
        return NONE;
    }

    /** A delta's {@code content}, {@code refusal} or {@code reasoning_content}, or a tool call's {@code arguments}. */
    private static boolean isText(byte[] d, int start, int len) {
        return (len == 7 && is(d, start, "content"))
                || (len == 7 && is(d, start, "refusal"))
                || (len == 9 && is(d, start, "arguments"))
                || (len == 17 && is(d, start, "reasoning_content"));
    }

    private void text(int start, int end) {
        if (2 * textCount + 2 > texts.length) {
            texts = java.util.Arrays.copyOf(texts, texts.length * 2);
        }
        texts[2 * textCount] = start;
        texts[2 * textCount + 1] = end;
        textCount++;
    }

    /** How many text strings (content, refusal, reasoning, tool-call arguments) the chunk delivers. */
    public int textCount() {
        return textCount;
    }

    /** Where the {@code k}th text string's content (between its quotes, still escaped) starts. */
    public int textStart(int k) {
        return texts[2 * k];
    }

    /** Where the {@code k}th text string's content ends (its closing quote). */
    public int textEnd(int k) {
        return texts[2 * k + 1];
    }

    private static boolean is(byte[] d, int start, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (d[start + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int skipWhitespace(byte[] d, int i) {
        while (i < d.length && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** False when the chunk is not a structurally sound JSON object. */
    public boolean wellFormed() {
        return wellFormed;
    }

    /** The top-level {@code model}, or null when absent (or written with escapes: then parse the chunk). */
    public String model(byte[] data) {
        return found.modelStart < 0 || found.modelEscaped
                ? null
                : new String(data, found.modelStart, found.modelEnd - found.modelStart, StandardCharsets.UTF_8);
    }

    /** Whether the model field needs a real parse (it contains escapes). */
    public boolean modelNeedsParse() {
        return found.modelEscaped;
    }

    /** True when top-level {@code usage} is an object (not null, not absent). */
    public boolean hasUsage() {
        return found.usageObject;
    }

    /** The bytes of the {@code usage} object as {@code [start, end)}, or -1 when {@link #hasUsage()} is false. */
    public int usageStart() {
        return found.usageStart;
    }

    public int usageEnd() {
        return found.usageEnd;
    }

    /** Where the top-level {@code "usage": null} member starts (its key's quote), or -1 when there is none. */
    public int usageNullStart() {
        return found.usageNullStart;
    }

    /** Where that member ends (after {@code null}). */
    public int usageNullEnd() {
        return found.usageNullEnd;
    }

    /** True when top-level {@code choices} is an empty array. */
    public boolean choicesEmpty() {
        return found.choicesEmpty;
    }

    /** True when some choice has a string {@code finish_reason}. */
    public boolean finished() {
        return found.finished;
    }

    /** True when there is a non-null top-level {@code error}. */
    public boolean hasError() {
        return found.error;
    }
}
