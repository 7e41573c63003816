package dev.meridian.server.fuzz;

import java.util.Random;

/** Breaks a valid body the ways hostile or buggy clients do: odd values in place of good ones, cuts, stray bytes. */
final class BodyMutator {

    private static final String[] VALUES = {
        "null",
        "true",
        "false",
        "0",
        "-1",
        "-0",
        "1.5",
        "1e400",
        "-1e400",
        "99999999999999999999999",
        "\"\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"x\"",
        "[]",
        "{}",
        "[null]",
        "[{}]",
        "[[[[[[[[[[1]]]]]]]]]]",
        "{\"type\":\"image_url\"}",
        "{\"type\":\"text\"}",
        "{\"type\":\"function\",\"function\":{}}",
        "[{\"role\":\"user\"}]",
        "[{\"role\":\"tool\",\"content\":\"x\"}]",
        "[{\"role\":\"nobody\",\"content\":\"x\"}]",
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":5}]}",
        "\"" + "a".repeat(3000) + "\"",
    };

    private BodyMutator() {}

    static String mutate(String seed, Random random) {
        String body = seed;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            body = switch (random.nextInt(6)) {
                case 0 -> replaceValue(body, random);
                case 1 -> replaceValue(body, random);
                case 2 -> cut(body, random);
                case 3 -> insert(body, random);
                case 4 -> body.substring(0, random.nextInt(body.length() + 1));
                default -> duplicateField(body, random);
            };
        }
        return body;
    }

    /** The value after a random {@code "key":} becomes one of {@link #VALUES}. */
    private static String replaceValue(String body, Random random) {
        int colon = body.indexOf(':', random.nextInt(Math.max(1, body.length())));
        if (colon < 0) {
            return body;
        }
        int end = valueEnd(body, colon + 1);
        return body.substring(0, colon + 1) + VALUES[random.nextInt(VALUES.length)] + body.substring(end);
    }

    private static int valueEnd(String body, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return body.length();
    }

    private static String cut(String body, Random random) {
        if (body.isEmpty()) {
            return body;
        }
        int start = random.nextInt(body.length());
        int end = Math.min(body.length(), start + 1 + random.nextInt(20));
        return body.substring(0, start) + body.substring(end);
    }

    private static String insert(String body, Random random) {
        String[] bits = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "\u00e9", "\ud83d\ude00", "\u2028", " "};
        int at = random.nextInt(body.length() + 1);
        return body.substring(0, at) + bits[random.nextInt(bits.length)] + body.substring(at);
    }

    private static String duplicateField(String body, Random random) {
        int open = body.indexOf('{');
        if (open < 0) {
            return body;
        }
        String[] fields = {"\"model\":\"gpt\",", "\"stream\":true,", "\"messages\":[],", "\"n\":2,", "\"input\":\"x\","
        };
        return body.substring(0, open + 1) + fields[random.nextInt(fields.length)] + body.substring(open + 1);
    }
}
