package dev.meridian.server.admin;

import dev.meridian.core.error.GatewayException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Size, shape and text limits of admin input; every failure is a 400 naming the field. Text (names, emails, model
 * names, metadata keys and values, residency rules) must be valid Unicode without control characters: a NUL, an
 * escape sequence or a lone UTF-16 surrogate ({@code "\\ud800"} in JSON) is refused at the edge, since the databases
 * store such text altered or not at all, and logs and terminals showing it can be tricked.
 */
final class Validation {

    static final int MAX_NAME = 200;
    static final int MAX_METADATA_ENTRIES = 32;
    static final int MAX_METADATA_KEY = 100;
    static final int MAX_METADATA_VALUE = 500;
    static final int MAX_MODELS = 100;
    static final long MAX_GRACE_SECONDS = 30L * 24 * 3600;
    private static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Validation() {}

    /** A required name: present, not blank, at most {@value #MAX_NAME} characters; returned trimmed. */
    static String name(String param, String value) {
        if (value == null) {
            throw GatewayException.invalid(param, "`" + param + "` is required.");
        }
        return optionalName(param, value);
    }

    /** Like {@link #name} but null passes through. */
    static String optionalName(String param, String value) {
        if (value == null) {
            return null;
        }
        String v = text(param, value).strip();
        if (v.isEmpty()) {
            throw GatewayException.invalid(param, "`" + param + "` must not be blank.");
        }
        if (v.length() > MAX_NAME) {
            throw GatewayException.invalid(param, "`" + param + "` is longer than " + MAX_NAME + " characters.");
        }
        return v;
    }

    static String email(String param, String value) {
        String v = name(param, value);
        if (v.length() > MAX_EMAIL || !EMAIL.matcher(v).matches()) {
            throw GatewayException.invalid(param, "`" + param + "` is not an email address.");
        }
        return v;
    }

    static List<String> models(String param, List<String> models) {
        if (models == null) {
            return List.of();
        }
        if (models.size() > MAX_MODELS) {
            throw GatewayException.invalid(param, "`" + param + "` has more than " + MAX_MODELS + " entries.");
        }
        for (int i = 0; i < models.size(); i++) {
            name(param + "[" + i + "]", models.get(i));
        }
        return models.stream().map(String::strip).distinct().toList();
    }

    static Map<String, String> metadata(String param, Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw GatewayException.invalid(
                    param, "`" + param + "` has more than " + MAX_METADATA_ENTRIES + " entries.");
        }
        metadata.forEach((k, v) -> {
            if (k.isBlank() || k.length() > MAX_METADATA_KEY || problem(k) != null) {
                throw GatewayException.invalid(
                        param,
                        "Keys of `" + param + "` must be 1 to " + MAX_METADATA_KEY
                                + " characters of text without control characters.");
            }
            if (v == null || v.length() > MAX_METADATA_VALUE) {
                throw GatewayException.invalid(
                        param + "." + k,
                        "`" + param + "." + k + "` must be a string of at most " + MAX_METADATA_VALUE + " characters.");
            }
            text(param + "." + k, v);
        });
        return metadata;
    }

    /**
     * {@code value} when it is text the API stores: valid Unicode (no lone surrogate) without control characters
     * (U+0000 to U+001F, U+007F to U+009F) or bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E,
     * U+2066 to U+2069); else a 400 on {@code param}.
     */
    static String text(String param, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw GatewayException.invalid(param, "`" + param + "` " + problem + ".");
        }
        return value;
    }

    /** What is wrong with {@code value} as text, or null when nothing is. */
    private static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format("must not contain control characters (U+%04X at index %d)", (int) c, i);
            }
            if (bidiControl(c)) {
                // They reorder how the text displays (a name shown as "admin" that stores "nimda").
                return String.format(
                        "must not contain bidirectional control characters (U+%04X at index %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode text (a lone surrogate at index " + i + ")";
            }
        }
        return null;
    }

    private static boolean bidiControl(char c) {
        return c == '\u061C'
                || c == '\u200E'
                || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** A time that must lie after {@code now}; null passes. */
    static void future(String param, Instant when, Instant now) {
        if (when != null && !when.isAfter(now)) {
            throw GatewayException.invalid(param, "`" + param + "` must be in the future.");
        }
    }

    static void nonNegative(String param, Number value) {
        if (value != null && value.doubleValue() < 0) {
            throw GatewayException.invalid(param, "`" + param + "` must not be negative.");
        }
    }

    /** The instants admin input may name: from the epoch to the end of year 9999 (later ones overflow storage). */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static final String INSTANT_FORM = "an ISO-8601 instant between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z,"
            + " such as 2030-01-31T00:00:00Z";

    /**
     * An instant of admin input, or null when {@code text} is not one the API accepts (malformed, or out of range).
     */
    static Instant instant(String text) {
        try {
            Instant value = Instant.parse(text);
            return value.isBefore(EARLIEST) || value.isAfter(LATEST) ? null : value;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
