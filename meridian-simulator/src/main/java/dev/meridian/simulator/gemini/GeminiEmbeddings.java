package dev.meridian.simulator.gemini;

import static dev.meridian.simulator.engine.Json.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.DirectiveSyntax;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.EmbeddingVectors;
import dev.meridian.simulator.engine.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code :embedContent} and {@code :batchEmbedContents}: a deterministic unit vector per content,
 * of {@code outputDimensionality} values, else 3072 for "gemini-embedding" models and 768 for the
 * others. A {@code [sim ...]} block in the (last) content's text is read as directives and removed.
 */
final class GeminiEmbeddings {

    /** Embedding answer and the directives read from the request text. */
    record Result(ObjectNode body, Directives directives) {}

    private GeminiEmbeddings() {}

    static Result single(String model, JsonNode body) {
        Extracted content = text(model, field(body, "content"), "EmbedContentRequest");
        ObjectNode out = Json.object();
        out.set("embedding", embedding(content.text(), dimensions(model, body)));
        return new Result(out, content.directives());
    }

    static Result batch(String model, JsonNode body) {
        JsonNode requests = field(body, "requests");
        if (!requests.isArray() || requests.isEmpty()) {
            throw GenerateDecoder.reject("* BatchEmbedContentsRequest.requests: requests is not specified\n");
        }
        List<Extracted> texts = new ArrayList<>();
        requests.forEach(request -> texts.add(text(model, field(request, "content"), "EmbedContentRequest")));
        ObjectNode out = Json.object();
        ArrayNode embeddings = out.putArray("embeddings");
        for (int i = 0; i < texts.size(); i++) {
            embeddings.add(embedding(texts.get(i).text(), dimensions(model, requests.get(i))));
        }
        return new Result(out, texts.get(texts.size() - 1).directives());
    }

    private record Extracted(String text, Directives directives) {}

    private static Extracted text(String model, JsonNode content, String requestName) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : field(content, "parts")) {
            text.append(part.path("text").asText(""));
        }
        if (text.length() == 0) {
            throw GenerateDecoder.reject("* " + requestName + ".content: content is not specified\n");
        }
        try {
            DirectiveSyntax.Extracted extracted = DirectiveSyntax.extract(text.toString());
            return new Extracted(extracted.text(), extracted.directives());
        } catch (IllegalArgumentException e) {
            throw GenerateDecoder.reject(e.getMessage());
        }
    }

    private static int dimensions(String model, JsonNode request) {
        int requested = field(request, "outputDimensionality").asInt(0);
        if (requested > 0) {
            return requested;
        }
        return model.contains("gemini-embedding") ? 3072 : 768;
    }

    private static ObjectNode embedding(String text, int dimensions) {
        ObjectNode embedding = Json.object();
        ArrayNode values = embedding.putArray("values");
        for (float value : EmbeddingVectors.vector(text, dimensions)) {
            values.add(value);
        }
        return embedding;
    }
}
