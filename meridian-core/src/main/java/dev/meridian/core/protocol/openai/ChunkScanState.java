package dev.meridian.core.protocol.openai;

import java.util.Arrays;

/**
 * What {@link OpenAiChunkScanner} has found so far in a chunk, and a saved copy of it: the scanner's whole state at
 * the first text value of the last chunk it read in full, with the bytes up to that value. The chunks of one stream
 * share everything before their first text ({@code id}, {@code created}, {@code model}, {@code system_fingerprint},
 * the choice's index, the delta's first key), so the scanner compares a new chunk's first bytes with the saved ones
 * and, when they are the same, resumes at the text instead of reading the same 150-odd bytes again. The scan is a
 * function of the bytes it has read, and every byte it has read before that point is compared, so the result is the
 * one a full scan gives.
 */
final class ChunkScanState {

    /** The findings of the chunk being scanned; {@link OpenAiChunkScanner}'s accessors read them. */
    static final class Found {
        int modelStart;
        int modelEnd;
        boolean modelEscaped;
        boolean usageObject;
        int usageStart;
        int usageEnd;
        int usageDepth;
        /** The top-level {@code "usage": null} member as {@code [key's quote, end of null)}, or -1. */
        int usageNullStart;

        int usageNullEnd;
        boolean choicesEmpty;
        boolean finished;
        boolean error;

        void reset() {
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
        }

        void copyFrom(Found o) {
            modelStart = o.modelStart;
            modelEnd = o.modelEnd;
            modelEscaped = o.modelEscaped;
            usageObject = o.usageObject;
            usageStart = o.usageStart;
            usageEnd = o.usageEnd;
            usageDepth = o.usageDepth;
            usageNullStart = o.usageNullStart;
            usageNullEnd = o.usageNullEnd;
            choicesEmpty = o.choicesEmpty;
            finished = o.finished;
            error = o.error;
        }
    }

    /** The findings when the scan stood at the saved text value. */
    final Found found = new Found();

    private byte[] prefix = new byte[256];
    /** Bytes saved, the text value's first byte (its quote) included; 0 when nothing is saved. */
    private int length;

    /** Where the scan stood: the text value's first byte, which {@code valueNext} is about to examine. */
    int at;

    /** Which open containers are objects (bit per depth), as in the scan loop. */
    long objects;

    int depth;
    int keyStart;

    /** Saves the scan's state at {@code at}, the first byte of {@code data}'s first text value. */
    void save(byte[] data, int at, long objects, int depth, int keyStart, Found found) {
        int n = at + 1;
        if (prefix.length < n) {
            prefix = new byte[Math.max(n, 2 * prefix.length)];
        }
        System.arraycopy(data, 0, prefix, 0, n);
        this.length = n;
        this.at = at;
        this.objects = objects;
        this.depth = depth;
        this.keyStart = keyStart;
        this.found.copyFrom(found);
    }

    /** True when {@code data} begins with the saved bytes and goes on after them, so the scan may resume. */
    boolean resumes(byte[] data) {
        return length > 0 && data.length > length && Arrays.equals(data, 0, length, prefix, 0, length);
    }
}
