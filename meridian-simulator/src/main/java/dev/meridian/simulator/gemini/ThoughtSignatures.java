package dev.meridian.simulator.gemini;

import static dev.meridian.simulator.engine.Json.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.Signer;
import java.util.Set;

/**
 * Gemini thought signatures on function calls. With thinking on, the first {@code functionCall}
 * part of each answer carries a {@code thoughtSignature} bound to the call's name and arguments;
 * clients must send it back. As the real API does for its thinking models, the check covers the
 * current turn only (the contents after the last user content holding text): the first function
 * call of each model content there needs its signature, else 400 INVALID_ARGUMENT. The dummy values
 * Google documents for migrated histories are accepted.
 *
 * <p>Source: https://ai.google.dev/gemini-api/docs/thought-signatures
 */
final class ThoughtSignatures {

    private static final Set<String> DUMMY_SIGNATURES =
            Set.of("skip_thought_signature_validator", "context_engineering_is_the_way_to_go");

    private ThoughtSignatures() {}

    /** The signature of a call to {@code name} with {@code args}. */
    static String sign(String name, JsonNode args) {
        return Signer.thoughtSignature(name, Json.canonical(args));
    }

    /** Rejects the request if a function call of the current turn lacks its signature. */
    static void check(JsonNode contents) {
        for (int i = currentTurnStart(contents); i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (!content.path("role").asText().equals("model")) {
                continue;
            }
            for (JsonNode part : field(content, "parts")) {
                JsonNode call = field(part, "functionCall");
                if (call.isObject()) {
                    verify(part, call, i);
                    break;
                }
            }
        }
    }

    private static void verify(JsonNode part, JsonNode call, int index) {
        String name = call.path("name").asText();
        JsonNode signature = field(part, "thoughtSignature");
        if (!signature.isTextual() || signature.textValue().isEmpty()) {
            throw GenerateDecoder.reject("Function call is missing a thought_signature in functionCall parts. This "
                    + "is required for tools to work correctly, and missing thought_signature may lead to degraded "
                    + "model performance. Additional data, function call `default_api:" + name + "` , position "
                    + (index + 1) + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for "
                    + "more details.");
        }
        String value = signature.textValue();
        if (!DUMMY_SIGNATURES.contains(value)
                && !Signer.verifyThought(name, Json.canonical(call.path("args")), value)) {
            throw GenerateDecoder.reject("Corrupted thought signature.");
        }
    }

    private static int currentTurnStart(JsonNode contents) {
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode content = contents.get(i);
            if (content.path("role").asText("user").equals("user")) {
                for (JsonNode part : field(content, "parts")) {
                    if (part.has("text")) {
                        return i + 1;
                    }
                }
            }
        }
        return 0;
    }
}
