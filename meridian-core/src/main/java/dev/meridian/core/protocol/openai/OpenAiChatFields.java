package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.StreamFields;
import java.io.IOException;

/**
 * Checks the top-level fields of a chat completions request against OpenAI's reference
 * (https://platform.openai.com/docs/api-reference/chat/create) as the pass-through scan reads them, before any
 * provider is called: types, ranges, and the shape of the structured fields; {@code messages} and tools are
 * {@link OpenAiMessageFields}' and {@link OpenAiToolFields}'. Null is accepted for every optional field, as the
 * decoder reads it. Fields the reference does not define, and values of enumerations OpenAI keeps extending
 * ({@code reasoning_effort}, {@code service_tier}, {@code verbosity}), are left to the provider.
 */
final class OpenAiChatFields {

    private OpenAiChatFields() {}

    /**
     * Checks the value of top-level field {@code name}, whose first token {@code t} was just read, and leaves the
     * parser on its last token. {@code model}, {@code stream} and {@code stream_options} are the scan's own.
     */
    static void check(StreamFields f, String name, JsonToken t) throws IOException {
        switch (name) {
            case "messages" -> OpenAiMessageFields.messages(f, t);
            case "max_tokens", "max_completion_tokens" -> f.integer(name, t, 1, Integer.MAX_VALUE);
            case "n" -> f.integer(name, t, 1, 128);
            case "top_logprobs" -> f.integer(name, t, 0, 20);
            case "seed" -> f.integer(name, t, Long.MIN_VALUE, Long.MAX_VALUE);
            case "temperature" -> f.number(name, t, 0, 2);
            case "top_p" -> f.number(name, t, 0, 1);
            case "presence_penalty", "frequency_penalty" -> f.number(name, t, -2, 2);
            case "logprobs", "parallel_tool_calls", "store" -> f.bool(name, t);
            case "user",
                    "reasoning_effort",
                    "service_tier",
                    "verbosity",
                    "prompt_cache_key",
                    "prompt_cache_retention",
                    "safety_identifier" -> f.string(name, t);
            case "metadata", "web_search_options", "moderation", "prompt_cache_options" -> f.skipObject(name, t);
            case "modalities" -> f.strings(name, t);
            case "stop" -> stop(f, t);
            case "logit_bias" -> logitBias(f, t);
            case "response_format" -> responseFormat(f, t);
            case "prediction" -> prediction(f, t);
            case "audio" -> audio(f, t);
            case "tools" -> OpenAiToolFields.tools(f, t);
            case "tool_choice" -> OpenAiToolFields.toolChoice(f, t);
            case "functions" -> OpenAiToolFields.functions(f, t);
            case "function_call" -> OpenAiToolFields.functionCall(f, t);
            default -> f.skip();
        }
    }

    private static void stop(StreamFields f, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw f.mistyped("stop", "a string or an array of strings", t);
        }
        f.enter("stop");
        int i = 0;
        for (JsonToken item = f.next(); item != JsonToken.END_ARRAY; item = f.next(), i++) {
            if (item != JsonToken.VALUE_STRING) {
                f.enter(i);
                throw f.mistyped(null, "a string", item);
            }
        }
        f.leave();
        if (i > 4) {
            throw GatewayException.invalid(
                    "stop", "Invalid 'stop': at most 4 stop sequences are allowed, got " + i + ".");
        }
    }

    /** Token ids to biases from -100 to 100; the ids are not shown in errors (a key can be any length). */
    private static void logitBias(StreamFields f, JsonToken t) throws IOException {
        if (!f.object("logit_bias", t)) {
            return;
        }
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            JsonToken v = f.next();
            if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                throw f.mistyped("logit_bias", "an object of numbers", v);
            }
            double bias = f.parser().getDoubleValue();
            if (!(bias >= -100 && bias <= 100)) {
                throw Fields.outOfRange("logit_bias", -100, 100);
            }
        }
    }

    /** {@code {"type": ...}}; a {@code json_schema} needs its {@code json_schema.name}. Other types pass. */
    private static void responseFormat(StreamFields f, JsonToken t) throws IOException {
        if (!f.object("response_format", t)) {
            return;
        }
        f.enter("response_format");
        String type = null;
        boolean schema = false;
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String name = f.name();
            JsonToken v = f.next();
            switch (name) {
                case "type" -> {
                    f.requiredString("type", v);
                    type = f.parser().getText();
                }
                case "json_schema" -> schema = jsonSchema(f, v);
                default -> f.skip();
            }
        }
        if (type == null) {
            throw f.missing("type");
        }
        if (type.equals("json_schema") && !schema) {
            throw f.missing("json_schema");
        }
        f.leave();
    }

    private static boolean jsonSchema(StreamFields f, JsonToken t) throws IOException {
        if (!f.object("json_schema", t)) {
            return false;
        }
        f.enter("json_schema");
        boolean named = false;
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String name = f.name();
            JsonToken v = f.next();
            switch (name) {
                case "name" -> named = f.string("name", v);
                case "description" -> f.string("description", v);
                case "schema" -> f.skipObject("schema", v);
                case "strict" -> f.bool("strict", v);
                default -> f.skip();
            }
        }
        if (!named) {
            throw f.missing("name");
        }
        f.leave();
        return true;
    }

    /** Predicted output: {@code {"type":"content","content": string or text parts}}. */
    private static void prediction(StreamFields f, JsonToken t) throws IOException {
        if (!f.object("prediction", t)) {
            return;
        }
        f.enter("prediction");
        boolean typed = false;
        boolean content = false;
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String name = f.name();
            JsonToken v = f.next();
            switch (name) {
                case "type" -> typed = f.string("type", v);
                case "content" -> content = OpenAiMessageFields.textContent(f, v);
                default -> f.skip();
            }
        }
        if (!typed) {
            throw f.missing("type");
        }
        if (!content) {
            throw f.missing("content");
        }
        f.leave();
    }

    /** Audio output: a {@code voice} (a name or a custom voice object) and a {@code format}. */
    private static void audio(StreamFields f, JsonToken t) throws IOException {
        if (!f.object("audio", t)) {
            return;
        }
        f.enter("audio");
        boolean voice = false;
        boolean format = false;
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String name = f.name();
            JsonToken v = f.next();
            switch (name) {
                case "voice" -> {
                    if (v == JsonToken.START_OBJECT) {
                        f.skip();
                    } else if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                        throw f.mistyped("voice", "a string or an object", v);
                    }
                    voice = v != JsonToken.VALUE_NULL;
                }
                case "format" -> format = f.string("format", v);
                default -> f.skip();
            }
        }
        if (!voice) {
            throw f.missing("voice");
        }
        if (!format) {
            throw f.missing("format");
        }
        f.leave();
    }
}
