package dev.meridian.core.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.provider.UpstreamErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings through {@code models/{model}:batchEmbedContents}
 * (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents): one {@code EmbedContentRequest} per
 * input, each naming the model ({@code models/<name>}, as the batch requires) with the input as one text part and
 * {@code outputDimensionality} from OpenAI's {@code dimensions}. No {@code taskType} is set (OpenAI has no such
 * field; Gemini then uses its default). The answer's {@code embeddings[i].values} are the vectors, in input
 * order. Gemini reports no token counts for embeddings, so the usage is null.
 */
public final class GeminiEmbeddings {

    private GeminiEmbeddings() {}

    /** @param modelResource the model's resource name, e.g. {@code models/gemini-embedding-001} */
    public static ObjectNode encode(EmbeddingRequest request, String modelResource) {
        ObjectNode body = Json.object();
        ArrayNode requests = body.putArray("requests");
        for (String input : request.inputs()) {
            ObjectNode r = requests.addObject().put("model", modelResource);
            r.putObject("content").putArray("parts").addObject().put("text", input);
            if (request.dimensions() != null) {
                r.put("outputDimensionality", request.dimensions());
            }
        }
        return body;
    }

    /**
     * @param request the request that was sent; its input count must match the vectors returned
     * @throws GatewayException {@code UPSTREAM_ERROR} when the body is not a batch of as many vectors as inputs
     */
    public static EmbeddingResponse decode(String provider, byte[] body, EmbeddingRequest request) {
        JsonNode embeddings =
                GeminiWire.parse(provider, body, "batchEmbedContents response").path("embeddings");
        if (!embeddings.isArray() || embeddings.size() != request.inputs().size()) {
            throw UpstreamErrors.malformed(
                    provider,
                    "batchEmbedContents response (expected "
                            + request.inputs().size() + " embeddings, got "
                            + (embeddings.isArray() ? embeddings.size() : 0)
                            + ")");
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (JsonNode embedding : embeddings) {
            JsonNode values = embedding.path("values");
            if (!values.isArray()) {
                throw UpstreamErrors.malformed(provider, "batchEmbedContents response (an embedding has no values)");
            }
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                if (!values.get(i).isNumber()) {
                    throw UpstreamErrors.malformed(provider, "batchEmbedContents response (a value is not a number)");
                }
                vector[i] = values.get(i).floatValue();
            }
            vectors.add(vector);
        }
        return new EmbeddingResponse(request.model(), vectors, null);
    }
}
