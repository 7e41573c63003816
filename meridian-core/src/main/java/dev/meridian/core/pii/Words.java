package dev.meridian.core.pii;

import static dev.meridian.core.pii.TextScan.at;
import static dev.meridian.core.pii.TextScan.digit;
import static dev.meridian.core.pii.TextScan.endsWord;
import static dev.meridian.core.pii.TextScan.tokenEnd;
import static dev.meridian.core.pii.TextScan.upper;

import java.util.List;

/**
 * The detectors anchored on a letter: providers' API keys (by their fixed prefixes), bearer tokens, IBANs, and
 * {@code password=}-style secrets (a key ending in a secret word, then {@code =} or {@code :}, then the value).
 */
final class Words {

    /** A provider's key prefix and the least number of chars after it. */
    private record KeyPrefix(String prefix, int minBody, boolean upperOnly) {}

    private static final KeyPrefix[] KEYS = {
        new KeyPrefix("sk-ant-", 20, false),
        new KeyPrefix("sk-", 20, false),
        new KeyPrefix("AIza", 30, false),
        new KeyPrefix("AKIA", 16, true),
        new KeyPrefix("ASIA", 16, true),
        new KeyPrefix("ghp_", 30, false),
        new KeyPrefix("gho_", 30, false),
        new KeyPrefix("ghu_", 30, false),
        new KeyPrefix("ghs_", 30, false),
        new KeyPrefix("github_pat_", 22, false),
        new KeyPrefix("xoxb-", 10, false),
        new KeyPrefix("xoxp-", 10, false),
        new KeyPrefix("xoxa-", 10, false),
        new KeyPrefix("xoxr-", 10, false),
        new KeyPrefix("xoxs-", 10, false),
    };

    /** Keys by their first char, so that a word is compared with the few prefixes it can start. */
    private static final KeyPrefix[][] KEYS_BY_FIRST = new KeyPrefix[128][];

    private static final String[] SECRET_WORDS = {
        "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "access_key", "private_key"
    };

    static {
        for (char c = 0; c < 128; c++) {
            final char first = c;
            KeyPrefix[] matching = java.util.Arrays.stream(KEYS)
                    .filter(k -> k.prefix().charAt(0) == first)
                    .toArray(KeyPrefix[]::new);
            KEYS_BY_FIRST[c] = matching.length == 0 ? null : matching;
        }
    }

    private Words() {}

    /** Detects a value in the word starting at {@code i}; returns the end of what it found, or -1. */
    static int detect(CharSequence text, int i, List<Finding> out) {
        char c = text.charAt(i);
        KeyPrefix[] keys = c < 128 ? KEYS_BY_FIRST[c] : null;
        if (keys != null) {
            for (KeyPrefix k : keys) {
                if (at(text, i, k.prefix(), false)) {
                    int end = tokenEnd(text, i + k.prefix().length());
                    if (end - i - k.prefix().length() >= k.minBody() && (!k.upperOnly() || upperAlnum(text, i, end))) {
                        return emit(out, PiiClass.API_KEY, i, end);
                    }
                }
            }
        }
        if ((c == 'B' || c == 'b') && at(text, i, "bearer ", true)) {
            int from = i + 7;
            int end = bearerEnd(text, from);
            if (end - from >= 16) {
                return emit(out, PiiClass.API_KEY, from, end);
            }
        }
        if (upper(c) && i + 3 < text.length() && upper(text.charAt(i + 1))) {
            int end = iban(text, i);
            if (end > 0) {
                return emit(out, PiiClass.IBAN, i, end);
            }
        }
        return secret(text, i, out);
    }

    /** {@code db_password = "hunter2"}: the value after a key that ends in a secret word. */
    private static int secret(CharSequence text, int i, List<Finding> out) {
        int keyEnd = tokenEnd(text, i);
        int j = keyEnd;
        int n = text.length();
        while (j < n && j - keyEnd < 3 && (text.charAt(j) == '"' || text.charAt(j) == '\'' || text.charAt(j) == ' ')) {
            j++;
        }
        if (j >= n || text.charAt(j) != '=' && text.charAt(j) != ':' || !endsInSecretWord(text, i, keyEnd)) {
            return -1;
        }
        j++;
        while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '"' || text.charAt(j) == '\'')) {
            j++;
        }
        int from = j;
        while (j < n && !valueEnd(text.charAt(j))) {
            j++;
        }
        return j - from >= 3 ? emit(out, PiiClass.SECRET, from, j) : -1;
    }

    private static boolean endsInSecretWord(CharSequence text, int start, int end) {
        for (String w : SECRET_WORDS) {
            int from = end - w.length();
            if (from >= start && at(text, from, w, true)) {
                return true;
            }
        }
        return false;
    }

    private static boolean valueEnd(char c) {
        return c <= ' ' || c == '"' || c == '\'' || c == ',' || c == ';' || c == '&' || c == '}' || c == '\\';
    }

    private static int bearerEnd(CharSequence text, int from) {
        int j = from;
        int n = text.length();
        while (j < n) {
            char c = text.charAt(j);
            if (!TextScan.token(c) && c != '.' && c != '~' && c != '+' && c != '/' && c != '=') {
                break;
            }
            j++;
        }
        return j;
    }

    private static boolean upperAlnum(CharSequence text, int from, int end) {
        for (int k = from; k < end; k++) {
            char c = text.charAt(k);
            if (!upper(c) && !digit(c)) {
                return false;
            }
        }
        return end - from == 20;
    }

    /** Two letters, two check digits, then up to 30 letters and digits, in groups of four split by single spaces. */
    private static int iban(CharSequence text, int i) {
        if (!digit(text.charAt(i + 2)) || !digit(text.charAt(i + 3))) {
            return -1;
        }
        StringBuilder compact = new StringBuilder(34);
        int j = i;
        int n = text.length();
        int end = -1;
        while (j < n && compact.length() < 34) {
            char c = text.charAt(j);
            if (upper(c) || digit(c)) {
                compact.append(c);
                j++;
                end = j;
            } else if (c == ' ' && j + 1 < n && (upper(text.charAt(j + 1)) || digit(text.charAt(j + 1)))) {
                j++;
            } else {
                break;
            }
        }
        return end > 0 && endsWord(text, end) && Checksums.iban(compact) ? end : -1;
    }

    private static int emit(List<Finding> out, PiiClass type, int start, int end) {
        out.add(new Finding(type.key(), start, end));
        return end;
    }
}
