package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.StreamFields;
import java.io.IOException;

/**
 * Checks the fields of an embeddings request against OpenAI's reference
 * (https://platform.openai.com/docs/api-reference/embeddings/create) as the pass-through scan reads them:
 * {@code input} is a non-empty string, a non-empty array of non-empty strings, of token ids, or of non-empty token
 * arrays; {@code dimensions} a positive integer; {@code encoding_format} {@code float} or {@code base64}. How many
 * inputs a batch may hold is the provider's limit, not a type rule, and is left to it.
 */
final class OpenAiEmbeddingFields {

    private static final String INPUT_TYPES =
            "a string, an array of strings, an array of token integers or an array of token arrays";

    private OpenAiEmbeddingFields() {}

    /** Checks top-level field {@code name}; leaves the parser on the value's last token. */
    static void check(StreamFields f, String name, JsonToken t) throws IOException {
        switch (name) {
            case "input" -> input(f, t);
            case "dimensions" -> f.integer(name, t, 1, Integer.MAX_VALUE);
            case "encoding_format" -> {
                if (f.string(name, t)) {
                    String format = f.parser().getText();
                    if (!format.equals("float") && !format.equals("base64")) {
                        throw Fields.notOneOf(name, "'float' and 'base64'");
                    }
                }
            }
            case "user" -> f.string(name, t);
            default -> f.skip();
        }
    }

    private static void input(StreamFields f, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NULL -> throw f.missing("input");
            case VALUE_STRING -> nonEmpty(f, -1);
            case START_ARRAY -> items(f);
            default -> throw f.mistyped("input", INPUT_TYPES, t);
        }
    }

    /** The first item says which kind of array it is; every other item must be of the same kind. */
    private static void items(StreamFields f) throws IOException {
        f.enter("input");
        JsonToken kind = f.next();
        int i = 0;
        for (JsonToken item = kind; item != JsonToken.END_ARRAY; item = f.next(), i++) {
            if (item != kind) {
                f.enter(i);
                throw f.mistyped(null, expected(kind), item);
            }
            switch (item) {
                case VALUE_STRING -> nonEmpty(f, i);
                case VALUE_NUMBER_INT -> {}
                case START_ARRAY -> tokens(f, i);
                default -> {
                    f.enter(i);
                    throw f.mistyped(null, "a string, a token integer or an array of token integers", item);
                }
            }
        }
        f.leave();
        if (i == 0) {
            throw Fields.emptyArray("input", "input");
        }
    }

    private static void tokens(StreamFields f, int i) throws IOException {
        f.enter(i);
        int j = 0;
        for (JsonToken token = f.next(); token != JsonToken.END_ARRAY; token = f.next(), j++) {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                f.enter(j);
                throw f.mistyped(null, "a token integer", token);
            }
        }
        if (j == 0) {
            throw Fields.emptyArray(f.path(null), "token");
        }
        f.leave();
    }

    private static String expected(JsonToken kind) {
        return switch (kind) {
            case VALUE_STRING -> "a string, like the first input";
            case VALUE_NUMBER_INT -> "a token integer, like the first input";
            default -> "an array of token integers, like the first input";
        };
    }

    /** The string just read, {@code input} itself or its item {@code index}, is not empty. */
    private static void nonEmpty(StreamFields f, int index) throws IOException {
        if (f.parser().getTextLength() == 0) {
            String path = index < 0 ? "input" : "input[" + index + "]";
            throw GatewayException.invalid(path, "Invalid '" + path + "': empty string. Expected a non-empty string.");
        }
    }
}
