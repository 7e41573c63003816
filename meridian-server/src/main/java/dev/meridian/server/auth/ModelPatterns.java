package dev.meridian.server.auth;

import java.util.List;

/**
 * The model lists of plans: public model names and {@code *}-patterns, where {@code *} stands for any run of
 * characters (none included) and every other character for itself, case-sensitively. {@code gpt-*-mini} matches
 * {@code gpt-4o-mini} and {@code gpt-4.1-mini}; {@code *} matches every model.
 *
 * <p>Matching allocates nothing, so it runs on the request path; a list holding {@code *} answers at its first
 * comparison.
 */
public final class ModelPatterns {

    /** The pattern every model matches. */
    public static final String EVERY_MODEL = "*";

    private static final int MAX_LENGTH = 200;

    private ModelPatterns() {}

    /** Whether {@code model} matches one of {@code patterns}. */
    public static boolean anyMatches(List<String> patterns, String model) {
        for (int i = 0, n = patterns.size(); i < n; i++) {
            if (matches(patterns.get(i), model)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code model} matches {@code pattern}. */
    public static boolean matches(String pattern, String model) {
        if (pattern.length() == 1 && pattern.charAt(0) == '*') {
            return true;
        }
        // Greedy match with backtracking to the last star: linear for one star, O(n*m) at worst, never recursive.
        int p = 0;
        int m = 0;
        int star = -1;
        int resume = 0;
        while (m < model.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = m;
            } else if (p < pattern.length() && pattern.charAt(p) == model.charAt(m)) {
                p++;
                m++;
            } else if (star >= 0) {
                p = star + 1;
                m = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Whether {@code text} holds a {@code *}, and so is a pattern rather than one model's name. */
    public static boolean isPattern(String text) {
        return text.indexOf('*') >= 0;
    }

    /**
     * What is wrong with {@code pattern} as a pattern, or null when nothing is: it must be 1 to 200 characters of
     * letters, digits and {@code . _ - : / @ + *}, without two stars in a row.
     */
    public static String problem(String pattern) {
        if (pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters";
        }
        if (pattern.contains("**")) {
            return "must not hold two `*` in a row";
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ".-_:/@+*".indexOf(c) >= 0;
            if (!ok) {
                return "may hold only letters, digits and . _ - : / @ + * (found `" + c + "` at index " + i + ")";
            }
        }
        return null;
    }
}
