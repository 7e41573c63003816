package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Fields;
import dev.meridian.core.json.StreamFields;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checks a chat request's {@code messages} against OpenAI's reference as the pass-through scan reads them: each
 * message's role, content (a string, null for an assistant that calls tools, refuses or answers with audio, or a
 * non-empty array of typed parts) and role-specific fields. Parts of the five reference types are checked in full
 * and only where the reference allows them (text everywhere; images, audio and files from the user; refusals from the
 * assistant); a part of another type needs only its {@code type} and is left to the provider. Keys come in any
 * order, so what depends on the role is settled at the end of each message. One instance per request.
 */
final class OpenAiMessageFields {

    static final String ROLES = "'system', 'developer', 'user', 'assistant', 'tool' and 'function'";

    private static final int TEXT = 1;
    private static final int IMAGE = 2;
    private static final int AUDIO = 4;
    private static final int FILE = 8;
    private static final int REFUSAL = 16;
    private static final String[] PART_TYPES = {"text", "image_url", "input_audio", "file", "refusal"};

    private enum Role {
        SYSTEM(TEXT),
        DEVELOPER(TEXT),
        USER(TEXT | IMAGE | AUDIO | FILE),
        ASSISTANT(TEXT | REFUSAL),
        TOOL(TEXT),
        FUNCTION(0);

        final int parts;

        Role(int parts) {
            this.parts = parts;
        }
    }

    private final StreamFields f;
    /** Part kinds seen in the current message's content, and where each first appeared. */
    private int partKinds;

    private final int[] firstPart = new int[PART_TYPES.length];

    private OpenAiMessageFields(StreamFields f) {
        this.f = f;
    }

    static void messages(StreamFields f, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            throw f.missing("messages");
        }
        if (t != JsonToken.START_ARRAY) {
            throw f.mistyped("messages", "an array", t);
        }
        OpenAiMessageFields check = new OpenAiMessageFields(f);
        if (f.each("messages", check::message) == 0) {
            throw Fields.emptyArray("messages", "message");
        }
    }

    /** Text content outside a message (a prediction): a string, or text parts. False for null. */
    static boolean textContent(StreamFields f, JsonToken t) throws IOException {
        OpenAiMessageFields check = new OpenAiMessageFields(f);
        if (t == JsonToken.START_ARRAY) {
            check.parts();
            check.allowOnly(TEXT, null);
            return true;
        }
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
            throw f.mistyped("content", "a string or an array of content parts", t);
        }
        return t == JsonToken.VALUE_STRING;
    }

    private void message(JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw f.mistyped(null, "an object", t);
        }
        partKinds = 0;
        Role role = null;
        JsonToken content = JsonToken.VALUE_NULL;
        boolean toolCallId = false;
        boolean name = false;
        boolean answered = false; // tool calls, a function call, audio or a refusal stand in for content
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String field = f.name();
            JsonToken v = f.next();
            switch (field) {
                case "role" -> role = role(v);
                case "content" -> {
                    content = v;
                    if (v == JsonToken.START_ARRAY) {
                        parts();
                    } else if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                        throw f.mistyped("content", "a string or an array of content parts", v);
                    }
                }
                case "name" -> name = f.string("name", v);
                case "tool_call_id" -> toolCallId = f.string("tool_call_id", v);
                case "tool_calls" -> {
                    answered |= v != JsonToken.VALUE_NULL;
                    OpenAiToolFields.toolCalls(f, v);
                }
                case "function_call" -> answered |= f.stringsObject("function_call", v, "name", "arguments", null);
                case "audio" -> answered |= f.stringsObject("audio", v, "id", null, null);
                case "refusal" -> answered |= f.string("refusal", v);
                default -> f.skip();
            }
        }
        if (role == null) {
            throw f.missing("role");
        }
        switch (role) {
            case ASSISTANT -> {
                if (content == JsonToken.VALUE_NULL && !answered) {
                    throw f.missing("content");
                }
            }
            case FUNCTION -> {
                if (content == JsonToken.START_ARRAY) {
                    throw f.mistyped("content", "a string or null", content);
                }
                if (!name) {
                    throw f.missing("name");
                }
            }
            default -> {
                if (content == JsonToken.VALUE_NULL) {
                    throw f.missing("content");
                }
                if (role == Role.TOOL && !toolCallId) {
                    throw f.missing("tool_call_id");
                }
            }
        }
        allowOnly(role.parts, role);
    }

    private Role role(JsonToken v) throws IOException {
        f.requiredString("role", v);
        return switch (f.parser().getText()) {
            case "system" -> Role.SYSTEM;
            case "developer" -> Role.DEVELOPER;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool" -> Role.TOOL;
            case "function" -> Role.FUNCTION;
            default -> throw Fields.notOneOf(f.path("role"), ROLES);
        };
    }

    /** Refuses the first part of a reference type that {@code role} (null: a prediction) does not allow. */
    private void allowOnly(int allowed, Role role) {
        int refused = partKinds & ~allowed;
        if (refused == 0) {
            return;
        }
        int kind = Integer.numberOfTrailingZeros(refused);
        String path = f.path("content") + "[" + firstPart[kind] + "].type";
        throw GatewayException.invalid(
                path,
                "Content part type '" + PART_TYPES[kind] + "' is not allowed in a"
                        + (role == null ? " prediction." : " '" + role.name().toLowerCase(Locale.ROOT) + "' message."));
    }

    private void parts() throws IOException {
        Arrays.fill(firstPart, -1);
        f.enter("content");
        int j = 0;
        for (JsonToken part = f.next(); part != JsonToken.END_ARRAY; part = f.next(), j++) {
            f.enter(j);
            part(part, j);
            f.leave();
        }
        f.leave();
        if (j == 0) {
            throw Fields.emptyArray(f.path("content"), "content part");
        }
    }

    private void part(JsonToken t, int index) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw f.mistyped(null, "an object", t);
        }
        String type = null;
        int payload = 0;
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String field = f.name();
            JsonToken v = f.next();
            switch (field) {
                case "type" -> {
                    f.requiredString("type", v);
                    type = f.parser().getText();
                }
                case "text" -> payload |= f.string("text", v) ? TEXT : 0;
                case "refusal" -> payload |= f.string("refusal", v) ? REFUSAL : 0;
                case "image_url" -> payload |= f.stringsObject("image_url", v, "url", null, "detail") ? IMAGE : 0;
                case "input_audio" -> payload |= f.stringsObject("input_audio", v, "data", "format", null) ? AUDIO : 0;
                case "file" -> payload |= file(v) ? FILE : 0;
                default -> f.skip();
            }
        }
        if (type == null) {
            throw f.missing("type");
        }
        int kind = kind(type);
        if (kind < 0) {
            return;
        }
        if ((payload & (1 << kind)) == 0) {
            throw f.missing(PART_TYPES[kind]);
        }
        if ((partKinds & (1 << kind)) == 0) {
            partKinds |= 1 << kind;
            firstPart[kind] = index;
        }
    }

    private static int kind(String type) {
        return switch (type) {
            case "text" -> 0;
            case "image_url" -> 1;
            case "input_audio" -> 2;
            case "file" -> 3;
            case "refusal" -> 4;
            default -> -1;
        };
    }

    /** A file by id or inline ({@code file_data} and {@code filename}); every field is an optional string. */
    private boolean file(JsonToken t) throws IOException {
        if (!f.object("file", t)) {
            return false;
        }
        f.enter("file");
        for (JsonToken k = f.next(); k == JsonToken.FIELD_NAME; k = f.next()) {
            String field = f.name();
            JsonToken v = f.next();
            switch (field) {
                case "file_data", "file_id", "filename" -> f.string(field, v);
                default -> f.skip();
            }
        }
        f.leave();
        return true;
    }
}
