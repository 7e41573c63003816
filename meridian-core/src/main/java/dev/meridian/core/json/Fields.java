package dev.meridian.core.json;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;

/**
 * Typed reads of a caller's JSON with errors that name the field by its path (e.g.
 * {@code messages[2].content}). Every optional reader treats JSON null as absent.
 */
public final class Fields {

    private Fields() {}

    public static String path(String parent, String field) {
        return parent == null || parent.isEmpty() ? field : parent + "." + field;
    }

    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    public static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public static String requiredString(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw missing(path);
        }
        if (!v.isTextual()) {
            throw mistyped(path, "a string", v);
        }
        return v.textValue();
    }

    public static String optionalString(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw mistyped(path, "a string", v);
        }
        return v.textValue();
    }

    public static Boolean optionalBoolean(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw mistyped(path, "a boolean", v);
        }
        return v.booleanValue();
    }

    public static Integer optionalInt(JsonNode node, String field, String path, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && !v.canConvertToInt()) {
            throw outOfRange(path, (Long) null, min, max);
        }
        if (!v.isIntegralNumber()) {
            throw mistyped(path, "an integer", v);
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw outOfRange(path, (long) i, min, max);
        }
        return i;
    }

    public static Long optionalLong(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && !v.canConvertToLong()) {
            throw outOfRange(path, (Long) null, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (!v.isIntegralNumber()) {
            throw mistyped(path, "an integer", v);
        }
        return v.longValue();
    }

    public static Double optionalNumber(JsonNode node, String field, String path, double min, double max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw mistyped(path, "a number", v);
        }
        double d = v.doubleValue();
        if (d < min || d > max || Double.isNaN(d)) {
            throw outOfRange(path, min, max);
        }
        return d;
    }

    public static JsonNode optionalObject(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw mistyped(path, "an object", v);
        }
        return v;
    }

    public static JsonNode requiredObject(JsonNode node, String field, String path) {
        JsonNode v = optionalObject(node, field, path);
        if (v == null) {
            throw missing(path);
        }
        return v;
    }

    public static JsonNode optionalArray(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw mistyped(path, "an array", v);
        }
        return v;
    }

    public static GatewayException mistyped(String path, String expected, JsonNode actual) {
        return mistyped(path, expected, describe(actual));
    }

    /** The 400 for a value of the wrong JSON type, as read by a streaming parser. */
    public static GatewayException mistyped(String path, String expected, JsonToken actual) {
        return mistyped(path, expected, describe(actual));
    }

    private static GatewayException mistyped(String path, String expected, String actual) {
        return GatewayException.invalid(
                path, "Invalid type for '" + path + "': expected " + expected + ", but got " + actual + ".");
    }

    /** The 400 for a required field that is absent or null. */
    public static GatewayException missing(String path) {
        return GatewayException.invalid(path, "Missing required parameter: '" + path + "'.");
    }

    /** The 400 for an empty array where the API needs at least one {@code item}. */
    public static GatewayException emptyArray(String path, String item) {
        return GatewayException.invalid(
                path, "Invalid '" + path + "': empty array. Expected at least one " + item + ".");
    }

    /**
     * The 400 for an integer outside {@code [min, max]}; {@code value} is shown when known (null when it does not fit
     * a long).
     */
    public static GatewayException outOfRange(String path, Long value, long min, long max) {
        return GatewayException.invalid(
                path,
                "Invalid '" + path + "': " + (value == null ? "the integer" : value.toString())
                        + " is outside the allowed range " + min + " to " + max + ".");
    }

    /** The 400 for a number outside {@code [min, max]}; the value is not shown (it may be 1,000 digits long). */
    public static GatewayException outOfRange(String path, double min, double max) {
        return GatewayException.invalid(
                path,
                "Invalid '" + path + "': the number is outside the allowed range " + bound(min) + " to " + bound(max)
                        + ".");
    }

    /**
     * The 400 for a string outside a closed set; the value is not shown (a caller's string may be long), the
     * supported values are, as {@code 'a', 'b' and 'c'}.
     */
    public static GatewayException notOneOf(String path, String supported) {
        return GatewayException.invalid(
                path, "Invalid value for '" + path + "'. Supported values are: " + supported + ".");
    }

    private static String bound(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> v.isIntegralNumber() ? "an integer" : "a decimal number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
