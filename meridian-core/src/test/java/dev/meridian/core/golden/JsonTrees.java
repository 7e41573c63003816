package dev.meridian.core.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares JSON as trees. In the expected tree the string {@code "<any>"} matches any present value, so
 * goldens can ignore what is not deterministic (timestamps the gateway assigns).
 */
public final class JsonTrees {

    public static final String ANY = "<any>";

    private JsonTrees() {}

    public static void assertMatches(String where, JsonNode expected, JsonNode actual) {
        compare(where, "$", expected, actual);
    }

    public static void assertMatches(String where, String expectedJson, byte[] actualJson) {
        JsonNode actual;
        try {
            actual = Json.parse(actualJson);
        } catch (Exception e) {
            throw new AssertionError(where + ": output is not JSON: " + new String(actualJson), e);
        }
        assertMatches(where, Json.parseTrusted(expectedJson), actual);
    }

    private static void compare(String where, String path, JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && ANY.equals(expected.textValue())) {
            assertThat(actual).as(where + " " + path + " must be present").isNotNull();
            return;
        }
        if (actual == null) {
            fail(where + ": missing " + path + " (expected " + expected + ")");
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                fail(where + ": " + path + " expected an object " + expected + " but was " + actual);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                compare(where, path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!expected.has(name)) {
                    fail(where + ": unexpected field " + path + "." + name + " = " + actual.get(name)
                            + "\nwhole actual: " + actual);
                }
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                fail(where + ": " + path + " expected " + expected + " but was " + actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(where, path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            assertThat(actual.decimalValue().compareTo(expected.decimalValue()))
                    .as(where + ": " + path + " expected " + expected + " but was " + actual)
                    .isZero();
        } else if (!expected.equals(actual)) {
            fail(where + ": " + path + " expected " + expected + " but was " + actual);
        }
    }

    /** A deep copy with a field set, for building variants of golden inputs. */
    public static ObjectNode with(JsonNode node, String field, JsonNode value) {
        ObjectNode copy = node.deepCopy();
        copy.set(field, value);
        return copy;
    }
}
