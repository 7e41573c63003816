package dev.meridian.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;

/**
 * Reads durations ("30s") and sizes ("32MiB") as field values, so a bad value is reported under its own key.
 */
final class UnitDeserializers {

    private UnitDeserializers() {}

    static SimpleModule module() {
        return new SimpleModule("meridian-units").addDeserializer(Duration.class, new DurationDeserializer());
    }

    static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Units.duration(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    /** For {@code Long} fields holding a byte count. */
    static final class SizeDeserializer extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Units.size(p.getText());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }
}
