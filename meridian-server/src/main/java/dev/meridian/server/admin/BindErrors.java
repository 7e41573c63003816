package dev.meridian.server.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why a body could not be bound in the API's own terms: the field path and the JSON type or values it takes
 * ({@code Invalid type for `name`: expected a string.}), never Jackson's wording, which names Java classes and
 * library settings.
 */
final class BindErrors {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private BindErrors() {}

    static GatewayException translate(JsonProcessingException e) {
        StreamConstraintsException limit = find(e, StreamConstraintsException.class);
        if (limit != null) {
            return GatewayException.of(ErrorCode.INVALID_JSON, limitMessage(limit));
        }
        if (!(e instanceof JsonMappingException m)) {
            return GatewayException.of(ErrorCode.INVALID_JSON, syntaxMessage(e));
        }
        String path = AdminJson.path(m);
        if (path.isEmpty()) {
            return GatewayException.of(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.");
        }
        if (m instanceof UnrecognizedPropertyException) {
            return GatewayException.invalid(path, "Unknown field `" + path + "`.");
        }
        return GatewayException.invalid(path, fieldMessage(m, path));
    }

    private static String fieldMessage(JsonMappingException e, String path) {
        if (find(e, InputCoercionException.class) != null) {
            return "Invalid value for `" + path + "`: the number is out of range.";
        }
        if (!(e instanceof MismatchedInputException m) || m.getTargetType() == null) {
            return "Invalid value for `" + path + "`.";
        }
        Class<?> target = m.getTargetType();
        String what = e instanceof InvalidFormatException ? "value" : "type";
        if (target.isEnum()) {
            return "Invalid " + what + " for `" + path + "`: expected one of " + LowerCaseEnumDeserializer.names(target)
                    + ".";
        }
        if (target == Instant.class) {
            return "Invalid " + what + " for `" + path + "`: expected " + Validation.INSTANT_FORM + ".";
        }
        return "Invalid type for `" + path + "`: expected " + jsonType(target) + ".";
    }

    /** The JSON type a Java type binds from, as the docs name it. */
    static String jsonType(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "an integer";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of strings";
        }
        return "an object";
    }

    private static String limitMessage(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("nesting depth")) {
            return "The request body nests objects and arrays deeper than " + AdminJson.MAX_DEPTH + " levels.";
        }
        if (m.contains("Number value length")) {
            return "The request body holds a number with too many digits.";
        }
        return "The request body exceeds the size limits of its strings, numbers or names.";
    }

    private static String syntaxMessage(JsonProcessingException e) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            return "The request body holds the field `" + duplicate.group(1) + "` twice.";
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1
                ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "The request body is not valid JSON" + where + ".";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
