package dev.meridian.server.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.config.Units;
import dev.meridian.store.model.RequestRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The admin API's JSON: snake_case fields, lower-case enum values, ISO-8601 instants, and strict request binding.
 * {@link #bind} rejects unknown fields, wrong types and scalar coercions ({@code "1"} for a number, {@code 1} for a
 * string) with 400 {@code invalid_request} naming the field path in {@code param}, e.g. {@code metadata.team} or
 * {@code allowed_models[2]}; enum values must be written lower-case, as documented. Error messages speak of the
 * API's fields and JSON types, never of Java classes ({@link BindErrors}). Bodies nest at most
 * {@value #MAX_DEPTH} levels. Thread-safe.
 */
public final class AdminJson {

    /** Request bodies above this size get 413. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** How deep a body may nest objects and arrays. */
    public static final int MAX_DEPTH = 50;

    private static final ObjectMapper MAPPER = build();

    private AdminJson() {}

    private static ObjectMapper build() {
        SimpleModule module = new SimpleModule("meridian-admin");
        module.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.toString());
            }
        });
        // Retentions and other spans read as they are written: "90d", "36h".
        module.addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
            @Override
            public void serialize(Duration value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(Units.format(value));
            }
        });
        module.addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (Instant) ctx.handleUnexpectedToken(Instant.class, p);
                }
                Instant value = Validation.instant(p.getText());
                if (value == null) {
                    throw ctx.weirdStringException(p.getText(), Instant.class, "expected " + Validation.INSTANT_FORM);
                }
                return value;
            }
        });
        @SuppressWarnings({"rawtypes", "unchecked"})
        StdSerializer<Enum> enums = new StdSerializer<>(Enum.class) {
            @Override
            public void serialize(Enum value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        };
        module.addSerializer(Enum.class, enums);
        // Enum values are read exactly as they are written and documented: lower-case, nothing else.
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(
                    DeserializationConfig config, JavaType type, BeanDescription desc, JsonDeserializer<?> standard) {
                return new LowerCaseEnumDeserializer(type.getRawClass());
            }
        });
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(module)
                .addMixIn(RequestRecord.class, RequestRecordJson.class)
                .build();
        // A number or boolean where text is expected is a mistake, not something to stringify.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** The mapper, for writing answers and audit records. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads a request body into {@code type}. An empty body binds as {@code {}}.
     *
     * @throws GatewayException 400 with {@code param} set to the offending field's path
     */
    public static <T> T bind(byte[] body, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(body.length == 0 ? "{}".getBytes() : body, type);
        } catch (JsonProcessingException e) {
            throw BindErrors.translate(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (value == null) { // the body was JSON's null
            throw GatewayException.of(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.");
        }
        return value;
    }

    /** The JSON path of a binding error: {@code quota.available_models[1]}. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Parses JSON this API wrote itself (audit before/after); null for null. */
    static JsonNode parseTrusted(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
