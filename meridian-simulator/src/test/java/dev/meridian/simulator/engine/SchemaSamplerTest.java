package dev.meridian.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class SchemaSamplerTest {

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sample_coversEveryJsonSchemaType() {
        JsonNode schema = json("""
        {"type": "object", "properties": {
          "s": {"type": "string"}, "i": {"type": "integer"}, "n": {"type": "number"}, "b": {"type": "boolean"},
          "e": {"type": "string", "enum": ["first", "second"]}, "c": {"const": 7},
          "a": {"type": "array", "items": {"type": "integer"}}, "nullable": {"type": ["null", "string"]},
          "o": {"type": "object", "properties": {"deep": {"type": "boolean"}}}}}""");

        assertThat(SchemaSampler.sample(schema)).isEqualTo(json("""
        {"s": "sample", "i": 1, "n": 1.5, "b": true, "e": "first", "c": 7, "a": [1], "nullable": "sample",
         "o": {"deep": true}}"""));
    }

    @Test
    void sample_followsRefsAndUnions() {
        JsonNode schema = json("""
        {"type": "object", "$defs": {"point": {"type": "object", "properties": {"x": {"type": "number"}}}},
         "properties": {"p": {"$ref": "#/$defs/point"}, "u": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
           "m": {"allOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"b": {"type": "string"}}}]}}}""");

        assertThat(SchemaSampler.sample(schema))
                .isEqualTo(json("{\"p\": {\"x\": 1.5}, \"u\": 1, \"m\": {\"a\": \"sample\", \"b\": \"sample\"}}"));
    }

    @Test
    void sample_acceptsGeminiUpperCaseTypes() {
        JsonNode schema = json(
                "{\"type\": \"OBJECT\", \"properties\": {\"city\": {\"type\": \"STRING\"}, \"n\": {\"type\": \"INTEGER\"}}}");

        assertThat(SchemaSampler.sample(schema)).isEqualTo(json("{\"city\": \"sample\", \"n\": 1}"));
    }

    @Test
    void sample_recursiveSchema_terminates() {
        JsonNode schema = json("{\"$ref\": \"#/$defs/node\", \"$defs\": {\"node\": {\"type\": \"object\", "
                + "\"properties\": {\"next\": {\"$ref\": \"#/$defs/node\"}}}}}");

        assertThat(SchemaSampler.sample(schema).path("next").path("next").isObject())
                .isTrue();
    }

    @Test
    void sample_missingSchema_isEmptyObject() {
        assertThat(SchemaSampler.sample(Json.object())).isEqualTo(json("{}"));
    }
}
