package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.StreamFields;
import java.io.IOException;

/**
 * Checks what a chat request says about tools, as the pass-through scan reads it: {@code tools},
 * {@code tool_choice}, the deprecated {@code functions} and {@code function_call}, and the {@code tool_calls} of
 * assistant messages. The two tool kinds of the reference, {@code function} and {@code custom}, are checked in full;
 * a tool of another type (some OpenAI-compatible providers define their own) needs only its {@code type}.
 */
final class OpenAiToolFields {

    private OpenAiToolFields() {}

    static void tools(StreamFields f, JsonToken t) throws IOException {
        if (!f.array("tools", t)) {
            return;
        }
        f.each("tools", tool -> {
            if (tool != JsonToken.START_OBJECT) {
                throw f.mistyped(null, "an object", tool);
            }
            String type = null;
            boolean function = false;
            boolean custom = false;
            for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
                String name = f.name();
                JsonToken v = f.next();
                switch (name) {
                    case "type" -> type = type(f, v);
                    case "function" -> function = definition(f, "function", v, true);
                    case "custom" -> custom = definition(f, "custom", v, false);
                    default -> f.skip();
                }
            }
            needs(f, type, function, custom);
        });
    }

    /** A function or custom tool: a non-empty {@code name}; a function's {@code parameters} is a JSON Schema object. */
    private static boolean definition(StreamFields f, String leaf, JsonToken t, boolean function) throws IOException {
        if (!f.object(leaf, t)) {
            return false;
        }
        if (leaf != null) {
            f.enter(leaf);
        }
        boolean named = false;
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String name = f.name();
            JsonToken v = f.next();
            switch (name) {
                case "name" -> {
                    named = f.string("name", v);
                    if (named && f.parser().getTextLength() == 0) {
                        throw GatewayException.invalid(
                                f.path("name"), "Invalid '" + f.path("name") + "': the name must not be empty.");
                    }
                }
                case "description" -> f.string("description", v);
                case "parameters" -> {
                    if (function) {
                        f.skipObject("parameters", v);
                    } else {
                        f.skip();
                    }
                }
                case "strict" -> f.bool("strict", v);
                case "format" -> f.skipObject("format", v);
                default -> f.skip();
            }
        }
        if (!named) {
            throw f.missing("name");
        }
        if (leaf != null) {
            f.leave();
        }
        return true;
    }

    private static String type(StreamFields f, JsonToken v) throws IOException {
        f.requiredString("type", v);
        return f.parser().getText();
    }

    /** After an object with a {@code type}: a function needs its {@code function}, a custom one its {@code custom}. */
    private static void needs(StreamFields f, String type, boolean function, boolean custom) {
        if (type == null) {
            throw f.missing("type");
        }
        if (type.equals("function") && !function) {
            throw f.missing("function");
        }
        if (type.equals("custom") && !custom) {
            throw f.missing("custom");
        }
    }

    static void toolChoice(StreamFields f, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t == JsonToken.VALUE_STRING) {
            String choice = f.parser().getText();
            if (!choice.equals("auto") && !choice.equals("none") && !choice.equals("required")) {
                throw Fields.notOneOf("tool_choice", TOOL_CHOICES);
            }
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw f.mistyped("tool_choice", "a string or an object", t);
        }
        f.enter("tool_choice");
        String type = null;
        boolean function = false;
        boolean custom = false;
        boolean allowed = false;
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String name = f.name();
            JsonToken v = f.next();
            switch (name) {
                case "type" -> type = type(f, v);
                case "function" -> function = f.stringsObject("function", v, "name", null, null);
                case "custom" -> custom = f.stringsObject("custom", v, "name", null, null);
                case "allowed_tools" -> allowed = allowedTools(f, v);
                default -> f.skip();
            }
        }
        needs(f, type, function, custom);
        if (type.equals("allowed_tools") && !allowed) {
            throw f.missing("allowed_tools");
        }
        f.leave();
    }

    static final String TOOL_CHOICES = "'none', 'auto', 'required' or a tool object";

    private static boolean allowedTools(StreamFields f, JsonToken t) throws IOException {
        if (!f.object("allowed_tools", t)) {
            return false;
        }
        f.enter("allowed_tools");
        boolean mode = false;
        boolean tools = false;
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String name = f.name();
            JsonToken v = f.next();
            switch (name) {
                case "mode" -> mode = f.string("mode", v);
                case "tools" -> {
                    tools = f.array("tools", v);
                    f.skip();
                }
                default -> f.skip();
            }
        }
        if (!mode) {
            throw f.missing("mode");
        }
        if (!tools) {
            throw f.missing("tools");
        }
        f.leave();
        return true;
    }

    /** Deprecated function definitions: objects with a {@code name}. */
    static void functions(StreamFields f, JsonToken t) throws IOException {
        if (!f.array("functions", t)) {
            return;
        }
        f.each("functions", item -> definition(f, null, item, true));
    }

    /** Deprecated: {@code none}, {@code auto} or {@code {"name": ...}}. */
    static void functionCall(StreamFields f, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            String mode = f.parser().getText();
            if (!mode.equals("none") && !mode.equals("auto")) {
                throw Fields.notOneOf("function_call", "'none', 'auto' or a function object");
            }
            return;
        }
        if (t != JsonToken.VALUE_NULL && t != JsonToken.START_OBJECT) {
            throw f.mistyped("function_call", "a string or an object", t);
        }
        f.stringsObject("function_call", t, "name", null, null);
    }

    /**
     * An assistant message's {@code tool_calls}: each has an {@code id}, and a {@code function} with a name and
     * arguments (a string of JSON) or, for {@code "type":"custom"}, a {@code custom} with a name and input.
     */
    static void toolCalls(StreamFields f, JsonToken t) throws IOException {
        if (!f.array("tool_calls", t)) {
            return;
        }
        f.each("tool_calls", call -> {
            if (call != JsonToken.START_OBJECT) {
                throw f.mistyped(null, "an object", call);
            }
            // The decoder takes a call without a type as a function call; so does the check.
            String type = "function";
            boolean id = false;
            boolean function = false;
            boolean custom = false;
            for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
                String name = f.name();
                JsonToken v = f.next();
                switch (name) {
                    case "id" -> id = f.string("id", v);
                    case "type" -> type = f.string("type", v) ? f.parser().getText() : "function";
                    case "function" -> function = f.stringsObject("function", v, "name", "arguments", null);
                    case "custom" -> custom = f.stringsObject("custom", v, "name", "input", null);
                    default -> f.skip();
                }
            }
            if (!id) {
                throw f.missing("id");
            }
            needs(f, type, function, custom);
        });
    }
}
