package dev.meridian.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Generates one deterministic value that matches a JSON schema (JSON Schema as OpenAI and
 * Anthropic use it, or the OpenAPI subset Gemini uses with upper-case type names).
 *
 * <p>Rules: {@code const} → that value; {@code enum} → its first value; string → {@code "sample"};
 * integer → 1; number → 1.5; boolean → true; null → null; array → one item; object → every
 * property, recursively; {@code anyOf}/{@code oneOf} → the first branch; {@code allOf} → the
 * branches' properties merged; local {@code $ref}s ({@code #/$defs/..}, {@code #/definitions/..})
 * are followed. A schema with no type is an object if it has properties, else a string. Nesting
 * deeper than 16 levels (a recursive schema) ends in null.
 */
public final class SchemaSampler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 16;

    private SchemaSampler() {}

    /** A value matching {@code schema}; a missing or empty schema yields an empty object. */
    public static JsonNode sample(JsonNode schema) {
        if (schema.isMissingNode() || schema.isNull() || schema.isEmpty()) {
            return NODES.objectNode();
        }
        return sample(schema, schema, 0);
    }

    private static JsonNode sample(JsonNode schema, JsonNode root, int depth) {
        if (depth > MAX_DEPTH || !schema.isObject()) {
            return NODES.nullNode();
        }
        if (schema.has("$ref")) {
            return sample(resolve(schema.get("$ref").asText(), root), root, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        JsonNode values = schema.path("enum");
        if (values.isArray() && !values.isEmpty()) {
            return values.get(0);
        }
        for (String union : new String[] {"anyOf", "oneOf"}) {
            JsonNode branches = schema.path(union);
            if (branches.isArray() && !branches.isEmpty()) {
                return sample(branches.get(0), root, depth + 1);
            }
        }
        JsonNode all = schema.path("allOf");
        if (all.isArray() && !all.isEmpty()) {
            return mergeAll(all, root, depth);
        }
        return switch (type(schema)) {
            case "string" -> NODES.textNode("sample");
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                JsonNode items = schema.path("items");
                array.add(items.isObject() ? sample(items, root, depth + 1) : NODES.textNode("sample"));
                yield array;
            }
            default -> object(schema, root, depth);
        };
    }

    private static ObjectNode object(JsonNode schema, JsonNode root, int depth) {
        ObjectNode object = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> properties =
                schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            object.set(property.getKey(), sample(property.getValue(), root, depth + 1));
        }
        return object;
    }

    private static JsonNode mergeAll(JsonNode branches, JsonNode root, int depth) {
        ObjectNode merged = NODES.objectNode();
        for (JsonNode branch : branches) {
            JsonNode value = sample(branch, root, depth + 1);
            if (!value.isObject()) {
                return value;
            }
            merged.setAll((ObjectNode) value);
        }
        return merged;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode alternative : type) {
                if (!"null".equalsIgnoreCase(alternative.asText())) {
                    return alternative.asText().toLowerCase(Locale.ROOT);
                }
            }
            return "null";
        }
        if (type.isTextual()) {
            return type.textValue().toLowerCase(Locale.ROOT);
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static JsonNode resolve(String ref, JsonNode root) {
        if (!ref.startsWith("#")) {
            return NODES.objectNode();
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? NODES.objectNode() : target;
    }
}
