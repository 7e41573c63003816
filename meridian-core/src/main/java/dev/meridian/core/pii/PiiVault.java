package dev.meridian.core.pii;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request's placeholders: each distinct value of a class gets {@code [CLASS_n]} (the same value the same
 * placeholder, so that the model still sees which mentions are one), and a placeholder in the answer is put back
 * as its value. Confined to one request; not thread-safe. Holds the values in memory for the request only.
 */
public final class PiiVault {

    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private int longest;

    /** The placeholder for {@code value} of class {@code type}. */
    public String placeholder(String type, String value) {
        String key = type + '\u0000' + value;
        String known = byValue.get(key);
        if (known != null) {
            return known;
        }
        int n = counters.merge(type, 1, Integer::sum);
        String placeholder = "[" + type.toUpperCase(Locale.ROOT) + "_" + n + "]";
        byValue.put(key, placeholder);
        byPlaceholder.put(placeholder, value);
        longest = Math.max(longest, placeholder.length());
        return placeholder;
    }

    public boolean isEmpty() {
        return byPlaceholder.isEmpty();
    }

    /** The value behind {@code placeholder}, or null when it is not one of this request's. */
    String value(String placeholder) {
        return byPlaceholder.get(placeholder);
    }

    /** Whether {@code tail} (starting with {@code [}) could still grow into one of this request's placeholders. */
    boolean couldBecomePlaceholder(CharSequence tail) {
        if (tail.length() >= longest) {
            return false;
        }
        for (String p : byPlaceholder.keySet()) {
            if (p.length() > tail.length() && p.startsWith(tail.toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code text} with this request's placeholders replaced by their values; inside JSON text ({@code json}) the
     * values are escaped as the inside of a JSON string (tool-call arguments hold placeholders in their strings).
     */
    public String restore(String text, boolean json) {
        if (text == null || byPlaceholder.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int open = text.indexOf('[');
        while (open >= 0) {
            int close = text.indexOf(']', open);
            if (close < 0) {
                break;
            }
            String value = close - open < longest ? byPlaceholder.get(text.substring(open, close + 1)) : null;
            if (value != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 32);
                }
                out.append(text, copied, open);
                out.append(json ? jsonEscaped(value) : value);
                copied = close + 1;
                open = text.indexOf('[', copied);
            } else {
                open = text.indexOf('[', open + 1);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static String jsonEscaped(String value) {
        return new String(
                com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value));
    }
}
