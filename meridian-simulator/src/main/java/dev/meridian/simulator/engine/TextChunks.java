package dev.meridian.simulator.engine;

import java.util.ArrayList;
import java.util.List;

/** Splits answers into the small pieces that streams deliver one event at a time. */
public final class TextChunks {

    private TextChunks() {}

    /**
     * Word pieces: each starts at a word with the spaces before it ({@code "a b"} → {@code "a", " b"}).
     * Concatenating the pieces gives the text back; the empty text has no pieces.
     */
    public static List<String> words(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            pieces.add(text.substring(start, i));
            start = i;
        }
        return pieces;
    }

    /** Pieces of at most {@code size} characters (never splitting a surrogate pair). */
    public static List<String> fixed(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
