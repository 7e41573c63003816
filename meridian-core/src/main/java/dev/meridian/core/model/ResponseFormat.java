package dev.meridian.core.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape the answer must take. For {@link Type#JSON_SCHEMA}, {@code schema} is the JSON Schema and
 * {@code name}, {@code description}, {@code strict} are OpenAI's json_schema fields (name required there).
 */
public record ResponseFormat(Type type, String name, String description, JsonNode schema, Boolean strict) {

    public enum Type {
        TEXT,
        JSON_OBJECT,
        JSON_SCHEMA
    }

    public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null, null);
    public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, null, null);

    public ResponseFormat {
        requireNonNull(type, "type");
        if (type == Type.JSON_SCHEMA && schema == null) {
            throw new IllegalArgumentException("a JSON_SCHEMA response format needs a schema");
        }
    }
}
