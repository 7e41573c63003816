package dev.meridian.core.protocol.openai;

import java.nio.charset.StandardCharsets;

/**
 * A single-pass, allocation-free look at one OpenAI stream chunk, for the pass-through relay: checks the
 * JSON is structurally sound (balanced objects and arrays, terminated strings, nothing after the root) and
 * finds the few things the relay needs: the model, whether {@code usage} holds an object, whether
 * {@code choices} is empty, whether a choice has a {@code finish_reason}, and whether there is an
 * {@code error}. Only the rare chunk with usage or an error needs a real parse afterwards.
 *
 * <p>Not a full validator: the spelling of numbers and literals is not checked (the provider's JSON is
 * trusted to that degree). Reusable, one per stream; not thread-safe.
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
    private int modelStart;
    private int modelEnd;
    private boolean modelEscaped;
    private boolean usageObject;
    private int usageStart;
    private int usageEnd;
    private int usageDepth;
    /** The top-level {@code "usage": null} member as {@code [key's quote, end of null)}, or -1. */
    private int usageNullStart;

    private int usageNullEnd;
    private boolean choicesEmpty;
    private boolean finished;
    private boolean error;
    /** {@code [start, end)} pairs of the text strings delivered in this chunk, still escaped. */
    private int[] texts = new int[8];

    private int textCount;

    /** Scans {@code data}; read the results with the accessors until the next scan. */
    public void scan(byte[] data) {
        modelStart = -1;
        modelEnd = -1;
        modelEscaped = false;
        usageObject = false;
        usageStart = -1;
        usageEnd = -1;
        usageDepth = -1;
        usageNullStart = -1;
        usageNullEnd = -1;
        choicesEmpty = false;
        finished = false;
        error = false;
        textCount = 0;
        wellFormed = scanInternal(data);
    }

    private boolean scanInternal(byte[] d) {
        int n = d.length;
        int i = skipWhitespace(d, 0);
        if (i >= n || d[i] != '{') {
            return false;
        }
        long objects = 0;
        int depth = 0;
        boolean expectKey = false;
        int key = NONE;
        int keyStart = -1;
        boolean valueNext = false;
        while (i < n) {
            byte c = d[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
                continue;
            }
            if (valueNext) {
                valueNext = false;
                onValue(key, d, i);
                if (key == USAGE && usageObject) {
                    usageStart = i;
                    usageDepth = depth;
                } else if (key == USAGE && d[i] == 'n') {
                    usageNullStart = keyStart;
                    usageNullEnd = i + 4;
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
                    if (depth == usageDepth) {
                        usageEnd = i;
                        usageDepth = -1;
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
                        modelStart = i + 1;
                        modelEnd = end;
                        for (int k = modelStart; k < end; k++) {
                            modelEscaped |= d[k] == '\\';
                        }
                    }
                }
            }
            case USAGE -> usageObject = d[i] == '{';
            case ERROR -> error = d[i] != 'n';
            case CHOICES -> {
                if (d[i] == '[') {
                    int next = skipWhitespace(d, i + 1);
                    choicesEmpty = next < d.length && d[next] == ']';
                }
            }
            case FINISH_REASON -> finished |= d[i] == '"';
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
        return modelStart < 0 || modelEscaped
                ? null
                : new String(data, modelStart, modelEnd - modelStart, StandardCharsets.UTF_8);
    }

    /** Whether the model field needs a real parse (it contains escapes). */
    public boolean modelNeedsParse() {
        return modelEscaped;
    }

    /** True when top-level {@code usage} is an object (not null, not absent). */
    public boolean hasUsage() {
        return usageObject;
    }

    /** The bytes of the {@code usage} object as {@code [start, end)}, or -1 when {@link #hasUsage()} is false. */
    public int usageStart() {
        return usageStart;
    }

    public int usageEnd() {
        return usageEnd;
    }

    /** Where the top-level {@code "usage": null} member starts (its key's quote), or -1 when there is none. */
    public int usageNullStart() {
        return usageNullStart;
    }

    /** Where that member ends (after {@code null}). */
    public int usageNullEnd() {
        return usageNullEnd;
    }

    /** True when top-level {@code choices} is an empty array. */
    public boolean choicesEmpty() {
        return choicesEmpty;
    }

    /** True when some choice has a string {@code finish_reason}. */
    public boolean finished() {
        return finished;
    }

    /** True when there is a non-null top-level {@code error}. */
    public boolean hasError() {
        return error;
    }
}
