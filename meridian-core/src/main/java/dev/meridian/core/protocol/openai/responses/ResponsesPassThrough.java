package dev.meridian.core.protocol.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;

/**
 * The Responses API to a deployment that serves it: the caller's body with the model replaced and a stored
 * conversation written out as input items in place of {@code previous_response_id} (the gateway keeps
 * conversations, so any deployment can continue one); the answer read for usage, model and the response object.
 */
final class ResponsesPassThrough {

    private ResponsesPassThrough() {}

    /** What accounting and the store read from a provider's response object. */
    record Read(Usage usage, String model, ObjectNode response) {}

    /** The body to send: {@code earlier} items (possibly none) before the caller's input, the upstream model. */
    static byte[] body(ResponsesBody body, ArrayNode earlier, String upstreamModel) {
        ObjectNode copy = body.root().deepCopy();
        copy.put("model", upstreamModel);
        if (body.previousResponseId() != null) {
            copy.remove("previous_response_id");
            ArrayNode input = Json.NODES.arrayNode();
            input.addAll(earlier);
            input.addAll(body.input());
            copy.set("input", input);
        }
        return Json.bytes(copy);
    }

    /** Reads a provider's complete response object. */
    static Read answer(String provider, byte[] bytes) {
        JsonNode root;
        try {
            root = Json.parse(bytes);
        } catch (IOException e) {
            throw UpstreamErrors.malformed(provider, "response (not JSON)");
        }
        if (!root.isObject() || !root.path("id").isTextual()) {
            throw UpstreamErrors.malformed(provider, "response (not a Responses API response object)");
        }
        return read((ObjectNode) root);
    }

    /** Reads a response object (a complete answer, or the one a terminal stream event carries). */
    static Read read(ObjectNode response) {
        JsonNode u = response.path("usage");
        Usage usage = u.isObject()
                ? new Usage(
                        u.path("input_tokens").asLong(),
                        u.path("output_tokens").asLong(),
                        u.path("input_tokens_details").path("cached_tokens").asLong(),
                        0,
                        u.path("output_tokens_details").path("reasoning_tokens").asLong())
                : null;
        return new Read(usage, Json.text(response, "model"), response);
    }

    /** The error a provider reported inside a stream, as the gateway's. */
    static GatewayException streamError(String provider, JsonNode error) {
        String message =
                error == null ? "no error message" : error.path("message").asText("no error message");
        return GatewayException.builder(
                        ErrorCode.UPSTREAM_ERROR,
                        "Provider '" + provider + "' reported an error in the stream: " + message)
                .provider(provider)
                .build();
    }
}
