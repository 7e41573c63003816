package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.DirectiveSyntax;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.EmbeddingVectors;
import dev.meridian.simulator.engine.FaultSource;
import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.Rejection;
import dev.meridian.simulator.engine.SimContext;
import dev.meridian.simulator.engine.SimResponse;
import dev.meridian.simulator.engine.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/embeddings}: one deterministic unit vector per input (a string, an array of
 * strings, an array of token ids or an array of such arrays). Dimensions: {@code dimensions} if
 * given, else 3072 for models named "...-large", else 1536. {@code encoding_format: base64} sends
 * little-endian float32 bytes in base64. Usage counts the inputs' tokens (a token array counts its
 * length). A {@code [sim ...]} block in the last input is read as directives and removed from it.
 */
final class EmbeddingsEndpoint {

    private final SimContext context;
    private final OpenAiErrors errors;

    EmbeddingsEndpoint(SimContext context, OpenAiErrors errors) {
        this.context = context;
        this.errors = errors;
    }

    SimResponse handle(InboundRequest request, JsonNode body, Optional<String> deployment, FaultSource faults) {
        String model = Json.string(body.path("model"))
                .filter(m -> !m.isEmpty())
                .or(() -> deployment)
                .orElseThrow(
                        () -> new Rejection(errors.invalidRequest("you must provide a model parameter", null, null)));
        if (!context.knowsModel(deployment.orElse(model))) {
            return errors.modelNotFound(deployment.orElse(model));
        }
        List<String> inputs = new ArrayList<>();
        int tokens = readInputs(body.path("input"), inputs);
        Directives inline = lastInputDirectives(inputs);
        String encoding = body.path("encoding_format").asText("float");
        if (!encoding.equals("float") && !encoding.equals("base64")) {
            throw new Rejection(errors.invalidRequest(
                    "Invalid value: '" + encoding + "'. Supported values are: " + "'float' and 'base64'.",
                    "encoding_format",
                    "invalid_value"));
        }
        int dimensions = body.path("dimensions").asInt(model.contains("-large") ? 3072 : 1536);
        if (dimensions < 1) {
            throw new Rejection(errors.invalidRequest(
                    "Invalid value for 'dimensions' = " + dimensions + ". Must be greater than 0.",
                    "dimensions",
                    "invalid_value"));
        }
        Directives directives = faults.resolve(request.path(), model, inline);
        if (directives.failsWithStatus()) {
            return errors.injected(directives.status().getAsInt(), model, directives);
        }
        ObjectNode response = Json.object().put("object", "list");
        ArrayNode data = response.putArray("data");
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = EmbeddingVectors.vector(inputs.get(i), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (encoding.equals("base64")) {
                item.put("embedding", EmbeddingVectors.base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
        }
        response.put("model", model);
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return SimResponse.json(200, response, directives);
    }

    /** Collects each input as text (token arrays as their JSON) and returns the prompt tokens. */
    private int readInputs(JsonNode input, List<String> inputs) {
        int tokens = 0;
        boolean valid = true;
        if (input.isTextual() || isTokenArray(input)) {
            tokens += add(input, inputs);
        } else if (input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                valid &= item.isTextual() || isTokenArray(item);
                tokens += add(item, inputs);
            }
        } else {
            valid = false;
        }
        if (!valid || inputs.stream().anyMatch(String::isEmpty)) {
            throw new Rejection(errors.invalidRequest(
                    "'$.input' is invalid. Please check the API reference: "
                            + "https://platform.openai.com/docs/api-reference.",
                    null,
                    null));
        }
        return tokens;
    }

    private static int add(JsonNode item, List<String> inputs) {
        if (item.isArray()) {
            inputs.add(Json.compact(item));
            return item.size();
        }
        inputs.add(item.asText());
        return Tokens.count(item.asText());
    }

    private static boolean isTokenArray(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode token : node) {
            if (!token.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private Directives lastInputDirectives(List<String> inputs) {
        int last = inputs.size() - 1;
        try {
            DirectiveSyntax.Extracted extracted = DirectiveSyntax.extract(inputs.get(last));
            inputs.set(last, extracted.text());
            return extracted.directives();
        } catch (IllegalArgumentException e) {
            throw new Rejection(errors.invalidRequest(e.getMessage(), "input", "invalid_value"));
        }
    }
}
