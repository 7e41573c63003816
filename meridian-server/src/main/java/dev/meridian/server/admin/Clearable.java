package dev.meridian.server.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;

/**
 * A PATCH field that JSON's {@code null} clears. The component holding it is null when the field was absent (leave
 * the value as it is); a {@code Clearable} with a null {@link #value} when the field was {@code null} (clear it).
 */
@JsonDeserialize(using = Clearable.Deserializer.class)
public record Clearable<T>(T value) {

    /** The value to store: {@code current} when the field was absent, else the field's value (null clears). */
    static <T> T apply(Clearable<T> field, T current) {
        return field == null ? current : field.value();
    }

    /** Binds the value as its own type would bind, so type errors name the field as usual. */
    static final class Deserializer extends JsonDeserializer<Clearable<?>> implements ContextualDeserializer {
        private final JavaType valueType;

        Deserializer() {
            this(null);
        }

        private Deserializer(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctx, BeanProperty property) {
            JavaType type = property != null ? property.getType() : ctx.getContextualType();
            return new Deserializer(type.containedType(0));
        }

        @Override
        public Clearable<?> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return new Clearable<>(ctx.readValue(p, valueType));
        }

        @Override
        public Clearable<?> getNullValue(DeserializationContext ctx) {
            return new Clearable<>(null);
        }

        /** An absent field of a record (a creator property) stays null, unlike an explicit null. */
        @Override
        public Object getAbsentValue(DeserializationContext ctx) {
            return null;
        }
    }
}
