package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.EmbeddingResponse;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.UpstreamErrors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI embeddings API in the outbound direction (https://platform.openai.com/docs/api-reference/embeddings):
 * the request body, and the {@code list} of {@code embedding} objects it answers with. Each vector is read by
 * its JSON type, whatever was asked: an array of numbers, or a base64 string of little-endian float32 values
 * (what {@code encoding_format: "base64"} returns). Vectors are returned in {@code index} order.
 */
public final class OpenAiEmbeddingCodec {

    private OpenAiEmbeddingCodec() {}

    /** The body for {@code request}, addressed to {@code upstreamModel}, with {@code extraBody} merged under it. */
    public static byte[] encodeRequest(
            EmbeddingRequest request, String upstreamModel, Map<String, JsonNode> extraBody) {
        return OpenAiJson.write(g -> {
            OpenAiBodyWriter body = new OpenAiBodyWriter(g);
            g.writeStartObject();
            body.string("model", upstreamModel);
            body.strings("input", request.inputs());
            body.string("encoding_format", request.encodingFormat());
            body.number("dimensions", request.dimensions());
            body.string("user", request.user());
            body.mergeExtra(extraBody);
            g.writeEndObject();
        });
    }

    /**
     * @throws dev.meridian.core.error.GatewayException {@code UPSTREAM_ERROR} when the body is not an embedding
     *                                                  list with one vector per input of {@code request}
     */
    public static EmbeddingResponse decodeResponse(String provider, byte[] body, EmbeddingRequest request) {
        JsonNode root = OpenAiResponseDecoder.parse(provider, body, "embedding list");
        JsonNode data = root.get("data");
        if (data == null || !data.isArray() || data.size() != request.inputs().size()) {
            throw UpstreamErrors.malformed(
                    provider,
                    "embedding list: expected 'data' with " + request.inputs().size() + " embeddings");
        }
        float[][] vectors = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= vectors.length || vectors[index] != null) {
                throw UpstreamErrors.malformed(provider, "embedding list: bad or repeated index " + index);
            }
            vectors[index] = vector(provider, item.get("embedding"));
        }
        JsonNode usage = root.get("usage");
        Usage u = usage == null || !usage.isObject()
                ? null
                : new Usage(usage.path("prompt_tokens").asLong(0), 0, 0, 0, 0);
        String model = Json.text(root, "model");
        return new EmbeddingResponse(model == null ? request.model() : model, List.of(vectors), u);
    }

    private static float[] vector(String provider, JsonNode embedding) {
        if (embedding != null && embedding.isArray()) {
            float[] v = new float[embedding.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode x = embedding.get(i);
                if (!x.isNumber()) {
                    throw UpstreamErrors.malformed(provider, "embedding: non-numeric value " + x);
                }
                v[i] = x.floatValue();
            }
            return v;
        }
        if (embedding != null && embedding.isTextual()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(embedding.textValue());
            } catch (IllegalArgumentException e) {
                throw UpstreamErrors.unreadable(provider, "base64 embedding", e);
            }
            if (bytes.length % 4 != 0) {
                throw UpstreamErrors.malformed(
                        provider,
                        "base64 embedding: " + bytes.length + " bytes is not a whole number of float32 values");
            }
            float[] v = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(v);
            return v;
        }
        throw UpstreamErrors.malformed(provider, "embedding: expected an array of numbers or a base64 string");
    }
}
