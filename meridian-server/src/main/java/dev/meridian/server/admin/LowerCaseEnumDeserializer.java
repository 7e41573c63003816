package dev.meridian.server.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads an enum from its lower-case name only; anything else fails with the enum as the target type. */
final class LowerCaseEnumDeserializer extends StdDeserializer<Object> {

    private final Map<String, Object> byName = new LinkedHashMap<>();

    LowerCaseEnumDeserializer(Class<?> type) {
        super(type);
        for (Object constant : type.getEnumConstants()) {
            byName.put(((Enum<?>) constant).name().toLowerCase(Locale.ROOT), constant);
        }
    }

    /** The accepted names, in declaration order: {@code basic, professional, enterprise}. */
    static String names(Class<?> type) {
        return String.join(
                ", ",
                Arrays.stream(type.getEnumConstants())
                        .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                        .toList());
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return ctx.handleUnexpectedToken(handledType(), p);
        }
        Object value = byName.get(p.getText());
        if (value == null) {
            throw ctx.weirdStringException(p.getText(), handledType(), "not one of " + names(handledType()));
        }
        return value;
    }
}
