package dev.meridian.core.pii;

/** Character classes and small scans the detectors share; ASCII only, so that any other script is a boundary. */
final class TextScan {

    private static final boolean[] WORD = new boolean[128];
    private static final boolean[] EMAIL_LOCAL = new boolean[128];
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            WORD[c] = alnum || c == '_';
            EMAIL_LOCAL[c] = WORD[c] || c == '.' || c == '%' || c == '+' || c == '-';
            TOKEN[c] = WORD[c] || c == '-';
        }
    }

    private TextScan() {}

    static boolean word(char c) {
        return c < 128 && WORD[c];
    }

    static boolean emailLocal(char c) {
        return c < 128 && EMAIL_LOCAL[c];
    }

    /** A char of an API key: letters, digits, {@code _} and {@code -}. */
    static boolean token(char c) {
        return c < 128 && TOKEN[c];
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Whether a value ending before {@code end} ends on a boundary (no word char follows). */
    static boolean endsWord(CharSequence text, int end) {
        return end >= text.length() || !word(text.charAt(end));
    }

    /** The end of the run of {@link #token} chars from {@code from}. */
    static int tokenEnd(CharSequence text, int from) {
        int j = from;
        int n = text.length();
        while (j < n && token(text.charAt(j))) {
            j++;
        }
        return j;
    }

    /** The end of the run of digits from {@code from}. */
    static int digitsEnd(CharSequence text, int from) {
        int j = from;
        int n = text.length();
        while (j < n && digit(text.charAt(j))) {
            j++;
        }
        return j;
    }

    /** Whether {@code text} holds {@code word} at {@code at}, ignoring ASCII case. */
    static boolean at(CharSequence text, int at, String word, boolean ignoreCase) {
        if (at + word.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char a = text.charAt(at + k);
            char b = word.charAt(k);
            if (a != b && (!ignoreCase || Character.toLowerCase(a) != b)) {
                return false;
            }
        }
        return true;
    }
}
