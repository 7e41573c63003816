package dev.meridian.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the parsed configuration tree against the types of the configuration records before Jackson binds it:
 * every unknown key and every value of the wrong type is reported in the configuration's own terms and removed
 * from the tree, so binding does not stop at the first one and the remaining checks run on what is left. The
 * expected shape is read from the records themselves ({@link ConfigShape}), so it cannot drift from binding.
 */
final class ShapeCheck {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Problems problems;

    private ShapeCheck(Problems problems) {
        this.problems = problems;
    }

    /** The tree with unknown keys and wrongly typed values removed, each reported to {@code problems}. */
    static ObjectNode clean(ObjectNode root, Class<?> type, Problems problems) {
        ObjectNode out = NODES.objectNode();
        new ShapeCheck(problems).fields(root, type, "", out);
        return out;
    }

    /** The value as binding expects it, or null when it is reported and must be left out. */
    private JsonNode value(JsonNode node, Type type, boolean size, String key) {
        if (node.isNull()) {
            return type instanceof Class<?> c && c.isPrimitive() ? fail(key, "required, " + expected(c)) : node;
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type element = p.getActualTypeArguments()[raw == Map.class ? 1 : 0];
            return raw == Map.class ? map(node, element, key) : list(node, element, key);
        }
        Class<?> c = (Class<?>) type;
        if (c == JsonNode.class) {
            return node;
        }
        if (c == String.class) {
            return node.isValueNode() ? node : fail(key, "must be a single value, got " + shown(node));
        }
        if (size) {
            return size(node, key);
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
            return integer(node, c == Integer.class || c == int.class, key);
        }
        if (c == Double.class || c == double.class) {
            return number(node, key);
        }
        if (c == Boolean.class || c == boolean.class) {
            return bool(node, key);
        }
        if (c == Duration.class) {
            return duration(node, key);
        }
        if (!node.isObject()) {
            return fail(
                    key,
                    "must be a mapping of keys ("
                            + String.join(", ", ConfigShape.of(c).keySet()) + "), got " + shown(node));
        }
        ObjectNode out = NODES.objectNode();
        fields(node, c, key, out);
        return out;
    }

    private void fields(JsonNode node, Class<?> type, String key, ObjectNode out) {
        Map<String, ConfigShape.Field> known = ConfigShape.of(type);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = key.isEmpty() ? e.getKey() : key + "." + e.getKey();
            ConfigShape.Field field = known.get(e.getKey());
            if (field == null) {
                problems.unreadable(
                        k,
                        "unknown key" + ConfigShape.suggestion(e.getKey(), known.keySet()) + "; known keys here are "
                                + known.keySet());
                continue;
            }
            JsonNode v = value(e.getValue(), field.type(), field.size(), k);
            if (v != null) {
                out.set(e.getKey(), v);
            }
        }
        // Binding refuses a record without one of its primitive values; a reported or absent one binds as zero.
        known.forEach((name, field) -> {
            if (field.type() instanceof Class<?> c && c.isPrimitive() && !out.has(name)) {
                String k = key.isEmpty() ? name : key + "." + name;
                if (!node.has(name)) {
                    problems.unreadable(k, "required, " + expected(c));
                }
                out.set(name, c == boolean.class ? BooleanNode.FALSE : LongNode.valueOf(0));
            }
        });
    }

    private JsonNode map(JsonNode node, Type valueType, String key) {
        if (!node.isObject()) {
            return fail(key, "must be a mapping of name: value, got " + shown(node));
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue().isNull()
                    ? fail(key + "." + e.getKey(), "has no value")
                    : value(e.getValue(), valueType, false, key + "." + e.getKey());
            if (v != null) {
                out.set(e.getKey(), v);
            }
        }
        return out;
    }

    private JsonNode list(JsonNode node, Type elementType, String key) {
        if (!node.isArray()) {
            return fail(key, "must be a list, got " + shown(node));
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            String k = key + "[" + i + "]";
            JsonNode v =
                    node.get(i).isNull() ? fail(k, "is an empty entry") : value(node.get(i), elementType, false, k);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private JsonNode integer(JsonNode node, boolean intSized, String key) {
        Long n = null;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            n = node.longValue();
        } else if (node.isTextual()) {
            try {
                n = Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        if (n == null) {
            return fail(key, "must be an integer, got " + shown(node));
        }
        if (intSized && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            return fail(key, "must be an integer up to " + Integer.MAX_VALUE + ", got " + n);
        }
        return LongNode.valueOf(n);
    }

    private JsonNode number(JsonNode node, String key) {
        if (node.isNumber()) {
            return node;
        }
        if (node.isTextual()) {
            try {
                return DoubleNode.valueOf(Double.parseDouble(node.textValue().trim()));
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        return fail(key, "must be a number, got " + shown(node));
    }

    private JsonNode bool(JsonNode node, String key) {
        if (node.isBoolean()) {
            return node;
        }
        String text = node.isTextual() ? node.textValue().trim().toLowerCase(Locale.ROOT) : "";
        if (text.equals("true") || text.equals("false")) {
            return BooleanNode.valueOf(text.equals("true"));
        }
        return fail(key, "must be true or false, got " + shown(node));
    }

    private JsonNode duration(JsonNode node, String key) {
        if (node.isValueNode() && !node.isBoolean()) {
            try {
                Units.duration(node.asText());
                return node;
            } catch (IllegalArgumentException e) {
                // Reported below.
            }
        }
        return fail(key, "must be a duration like 30s or 500ms (units: ms, s, m, h, d), got " + shown(node));
    }

    private JsonNode size(JsonNode node, String key) {
        if (node.isValueNode() && !node.isBoolean()) {
            try {
                Units.size(node.asText());
                return node;
            } catch (IllegalArgumentException e) {
                // Reported below.
            } catch (ArithmeticException e) {
                return fail(key, "is too large, got " + shown(node));
            }
        }
        return fail(
                key,
                "must be a size like 32MiB or 512KiB (bytes, or units KB, KiB, MB, MiB, GB, GiB), got " + shown(node));
    }

    private JsonNode fail(String key, String message) {
        problems.unreadable(key, message);
        return null;
    }

    private static String expected(Class<?> c) {
        if (c == double.class) {
            return "a number";
        }
        return c == boolean.class ? "true or false" : "an integer";
    }

    /** A value as the operator wrote it: quoted text, a number, or what kind of structure it is. */
    static String shown(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "nothing";
        }
        if (!node.isTextual()) {
            return node.asText();
        }
        String text = node.textValue();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
