package dev.meridian.core.json;

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
            throw GatewayException.invalid(path, "Missing required parameter: '" + path + "'.");
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
            throw outOfRange(path, min, max);
        }
        if (!v.isIntegralNumber()) {
            throw mistyped(path, "an integer", v);
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw GatewayException.invalid(
                    path, "Invalid '" + path + "': " + i + " is outside the allowed range " + min + " to " + max + ".");
        }
        return i;
    }

    private static GatewayException outOfRange(String path, long min, long max) {
        return GatewayException.invalid(
                path, "Invalid '" + path + "': the integer is outside the allowed range " + min + " to " + max + ".");
    }

    public static Long optionalLong(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && !v.canConvertToLong()) {
            throw outOfRange(path, Long.MIN_VALUE, Long.MAX_VALUE);
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
            throw GatewayException.invalid(
                    path,
                    "Invalid '" + path + "': " + v.asText() + " is outside the allowed range " + min + " to " + max
                            + ".");
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
            throw GatewayException.invalid(path, "Missing required parameter: '" + path + "'.");
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
        return GatewayException.invalid(
                path, "Invalid type for '" + path + "': expected " + expected + ", but got " + describe(actual) + ".");
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
}
