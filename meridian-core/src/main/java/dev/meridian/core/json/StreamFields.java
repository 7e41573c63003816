package dev.meridian.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.error.GatewayException;
import java.io.IOException;

/**
 * Typed checks of a caller's JSON as a streaming parser reads it, so a body is validated in the pass that scans it,
 * without building a tree. Keeps the path of the value being read ({@link #enter}, {@link #leave}) and writes it out
 * only when a check fails, so errors name the field as {@link Fields}' do ({@code messages[2].content}) and cost
 * nothing on a good body. Each check takes the value's first token; JSON null counts as absent. Not thread-safe: one
 * per parse.
 */
public final class StreamFields {

    private static final int MAX_DEPTH = 12;

    private final JsonParser parser;
    private final String[] names = new String[MAX_DEPTH];
    private final int[] indexes = new int[MAX_DEPTH];
    private int depth;

    public StreamFields(JsonParser parser) {
        this.parser = parser;
    }

    public JsonParser parser() {
        return parser;
    }

    /** The next token; a body that ends early fails in the parser (invalid JSON) before it gets here. */
    public JsonToken next() throws IOException {
        return parser.nextToken();
    }

    /** The name of the field the parser is on. */
    public String name() throws IOException {
        return parser.currentName();
    }

    /** Skips the rest of the value whose first token was just read. */
    public void skip() throws IOException {
        parser.skipChildren();
    }

    public StreamFields enter(String field) {
        names[depth] = field;
        indexes[depth++] = -1;
        return this;
    }

    public StreamFields enter(int index) {
        names[depth] = null;
        indexes[depth++] = index;
        return this;
    }

    public void leave() {
        depth--;
    }

    /** The current path with {@code leaf} appended (none when null), e.g. {@code messages[2].content}. */
    public String path(String leaf) {
        StringBuilder b = new StringBuilder(32);
        for (int i = 0; i < depth; i++) {
            if (names[i] == null) {
                b.append('[').append(indexes[i]).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(names[i]);
            }
        }
        if (leaf != null) {
            b.append(b.length() == 0 ? "" : ".").append(leaf);
        }
        return b.toString();
    }

    public GatewayException mistyped(String leaf, String expected, JsonToken actual) {
        return Fields.mistyped(path(leaf), expected, actual);
    }

    public GatewayException missing(String leaf) {
        return Fields.missing(path(leaf));
    }

    /** True for a string, false for null; anything else is refused. */
    public boolean string(String leaf, JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw mistyped(leaf, "a string", t);
    }

    /** A string that must be there: null or absent-as-null is refused as missing. */
    public void requiredString(String leaf, JsonToken t) {
        if (!string(leaf, t)) {
            throw missing(leaf);
        }
    }

    public boolean bool(String leaf, JsonToken t) {
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw mistyped(leaf, "a boolean", t);
    }

    /** An integer in {@code [min, max]} (null passes); a decimal such as {@code 1.0} is refused, as OpenAI does. */
    public void integer(String leaf, JsonToken t, long min, long max) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw mistyped(leaf, "an integer", t);
        }
        JsonParser.NumberType type = parser.getNumberType();
        boolean intField = min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE;
        if (type == JsonParser.NumberType.BIG_INTEGER || (type == JsonParser.NumberType.LONG && intField)) {
            // As Fields says it: an integer no field of this kind can hold is not shown.
            throw Fields.outOfRange(path(leaf), (Long) null, min, max);
        }
        long v = parser.getLongValue();
        if (v < min || v > max) {
            throw Fields.outOfRange(path(leaf), v, min, max);
        }
    }

    /** A number (integer or decimal) in {@code [min, max]}; null passes. */
    public void number(String leaf, JsonToken t, double min, double max) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw mistyped(leaf, "a number", t);
        }
        double v = parser.getDoubleValue();
        if (!(v >= min && v <= max)) {
            throw Fields.outOfRange(path(leaf), min, max);
        }
    }

    /** True when the value is an object (the parser stays on its start), false for null. */
    public boolean object(String leaf, JsonToken t) {
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw mistyped(leaf, "an object", t);
    }

    /** An object or null, skipped: only its type is the gateway's to check. */
    public void skipObject(String leaf, JsonToken t) throws IOException {
        if (object(leaf, t)) {
            parser.skipChildren();
        }
    }

    /** True when the value is an array (the parser stays on its start), false for null. */
    public boolean array(String leaf, JsonToken t) {
        if (t == JsonToken.START_ARRAY) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw mistyped(leaf, "an array", t);
    }

    /** What to do with one item of an array; the parser is on the item's first token, which it is given. */
    @FunctionalInterface
    public interface Item {
        void read(JsonToken first) throws IOException;
    }

    /**
     * Reads the array the parser is on (its start already read), item by item, with the path at {@code leaf[i]}
     * while {@code item} reads each one (it must read the whole item).
     *
     * @return how many items there were
     */
    public int each(String leaf, Item item) throws IOException {
        enter(leaf);
        int i = 0;
        for (JsonToken first = next(); first != JsonToken.END_ARRAY; first = next(), i++) {
            enter(i);
            item.read(first);
            leave();
        }
        leave();
        return i;
    }

    /** An array of strings, or null. */
    public void strings(String leaf, JsonToken t) throws IOException {
        if (!array(leaf, t)) {
            return;
        }
        enter(leaf);
        int i = 0;
        for (JsonToken item = next(); item != JsonToken.END_ARRAY; item = next(), i++) {
            if (item != JsonToken.VALUE_STRING) {
                enter(i);
                throw mistyped(null, "a string", item);
            }
        }
        leave();
    }

    /**
     * An object whose fields {@code first} and, when not null, {@code second} are required strings and
     * {@code optional}, when not null, an optional string; other fields are skipped. False for null.
     */
    public boolean stringsObject(String leaf, JsonToken t, String first, String second, String optional)
            throws IOException {
        if (!object(leaf, t)) {
            return false;
        }
        enter(leaf);
        boolean hasFirst = false;
        boolean hasSecond = second == null;
        for (JsonToken k = next(); k == JsonToken.FIELD_NAME; k = next()) {
            String name = name();
            JsonToken v = next();
            if (name.equals(first)) {
                hasFirst = string(first, v);
            } else if (name.equals(second)) {
                hasSecond = string(second, v);
            } else if (name.equals(optional)) {
                string(optional, v);
            } else {
                skip();
            }
        }
        if (!hasFirst) {
            throw missing(first);
        }
        if (!hasSecond) {
            throw missing(second);
        }
        leave();
        return true;
    }
}
