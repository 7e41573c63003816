package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;

/**
 * Reads what accounting needs from an OpenAI answer that passes through unchanged: the model, the usage,
 * whether a stream chunk is the usage-only chunk ({@code choices} empty), whether a choice finished, and an
 * error object if the provider sent one. The structure is checked by {@link OpenAiChunkScanner} without
 * allocating; only the usage object's bytes (and, rarely, an error or an escaped model name) are parsed.
 */
public final class OpenAiAnswerScan {

    /**
     * @param usage        null when the answer carries none (or {@code "usage": null})
     * @param choicesEmpty true when {@code choices} is present and empty (the usage-only stream chunk)
     * @param error        the {@code error} object, or null
     * @param finished     true when some choice carries a non-null {@code finish_reason}
     */
    public record Answer(String model, Usage usage, boolean choicesEmpty, JsonNode error, boolean finished) {

        /** The final usage-only chunk OpenAI sends when usage was requested. */
        public boolean isUsageChunk() {
            return usage != null && choicesEmpty;
        }
    }

    private OpenAiAnswerScan() {}

    /**
     * @param what "response" or "stream event", for the error message
     * @throws dev.meridian.core.error.GatewayException {@code UPSTREAM_ERROR} naming the provider when the bytes
     *                                                  are not a JSON object
     */
    public static Answer scan(String provider, String what, byte[] json) {
        return scan(provider, what, json, new OpenAiChunkScanner());
    }

    /** The same with a scanner the caller reuses (one per stream). */
    public static Answer scan(String provider, String what, byte[] json, OpenAiChunkScanner scanner) {
        scanner.scan(json);
        if (!scanner.wellFormed()) {
            throw UpstreamErrors.malformed(provider, what + " (not a JSON object)");
        }
        try {
            JsonNode error = null;
            String model = scanner.model(json);
            if (scanner.hasError() || scanner.modelNeedsParse()) {
                JsonNode root = Json.parse(json);
                error = scanner.hasError() ? root.get("error") : null;
                model = Json.text(root, "model");
            }
            Usage usage = null;
            if (scanner.hasUsage()) {
                usage = OpenAiUsage.read(json, scanner.usageStart(), scanner.usageEnd() - scanner.usageStart());
            }
            return new Answer(model, usage, scanner.choicesEmpty(), error, scanner.finished());
        } catch (IOException e) {
            throw UpstreamErrors.unreadable(provider, what, e);
        }
    }
}
