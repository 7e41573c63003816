package dev.meridian.core.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.sse.SseEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Decodes {@code streamGenerateContent?alt=sse}: every event's data is a complete {@code GenerateContentResponse}
 * holding the next piece of each candidate (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent).
 * The first event starts the stream; text parts become text deltas, {@code thought: true} parts reasoning deltas,
 * and each {@code functionCall} part (Gemini sends a call whole, never in pieces) one tool-call delta carrying
 * id, name, all arguments and its thought signature. A candidate's {@code finishReason} finishes its choice;
 * every {@code usageMetadata} is reported (Gemini's counts are cumulative, the latest wins). An {@code error}
 * object in the stream is thrown as the error it describes. Gemini sends no end marker: a stream that ends
 * before every candidate it opened has a finish reason was cut, and {@link #end} says so.
 *
 * <p>Not thread-safe; one instance per stream.
 */
public final class GeminiStreamDecoder implements ChatStreamDecoder {

    private final String provider;
    private final String fallbackModel;
    private final long created;
    private final Map<Integer, CandidateState> candidates = new TreeMap<>();
    private String responseId;

    /**
     * @param provider      the provider's configured name, for error messages
     * @param fallbackModel the model name to report when Gemini sends no {@code modelVersion}
     * @param created       the timestamp to report, seconds since the epoch
     */
    public GeminiStreamDecoder(String provider, String fallbackModel, long created) {
        this.provider = provider;
        this.fallbackModel = fallbackModel;
        this.created = created;
    }

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        if (!event.hasData()) {
            return;
        }
        JsonNode chunk = GeminiWire.parse(provider, event.data(), "stream event");
        JsonNode error = chunk.get("error");
        if (error != null && error.isObject()) {
            throw GeminiErrors.fromStreamError(provider, error);
        }
        if (responseId == null) {
            responseId = GeminiWire.responseId(chunk);
            out.accept(new StreamEvent.Started(responseId, GeminiWire.model(chunk, fallbackModel), created));
        }
        JsonNode list = chunk.path("candidates");
        for (int k = 0; k < list.size(); k++) {
            candidate(list.get(k), k, out);
        }
        if (list.isEmpty() && GeminiWire.blockReason(chunk) != null) {
            CandidateState state = candidates.computeIfAbsent(0, c -> new CandidateState());
            if (!state.finished) {
                state.finished = true;
                out.accept(new StreamEvent.Finished(0, FinishReason.CONTENT_FILTER));
            }
        }
        Usage usage = GeminiWire.usage(chunk.get("usageMetadata"));
        if (usage != null) {
            out.accept(new StreamEvent.UsageReported(usage));
        }
    }

    private void candidate(JsonNode candidate, int position, Consumer<StreamEvent> out) {
        int index = GeminiWire.candidateIndex(candidate, position);
        CandidateState state = candidates.computeIfAbsent(index, c -> new CandidateState());
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode call = part.get("functionCall");
            if (call != null && call.isObject()) {
                int n = state.toolCalls++;
                out.accept(new StreamEvent.ToolCallDelta(
                        index,
                        n,
                        GeminiWire.toolCallId(call, responseId, index, n),
                        GeminiWire.callName(provider, call),
                        GeminiWire.arguments(call),
                        Json.text(part, "thoughtSignature")));
            } else if (part.path("text").isTextual()
                    && !part.get("text").textValue().isEmpty()) {
                String text = part.get("text").textValue();
                out.accept(
                        GeminiWire.isThought(part)
                                ? new StreamEvent.ReasoningDelta(index, text)
                                : new StreamEvent.TextDelta(index, text));
            }
        }
        String reason = Json.text(candidate, "finishReason");
        if (reason != null && !state.finished) {
            state.finished = true;
            out.accept(new StreamEvent.Finished(
                    index,
                    GeminiFinishReasons.map(
                            provider, reason, state.toolCalls > 0, Json.text(candidate, "finishMessage"))));
        }
    }

    @Override
    public void end(Consumer<StreamEvent> out) {
        boolean complete = !candidates.isEmpty() && candidates.values().stream().allMatch(state -> state.finished);
        if (!complete) {
            throw GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR,
                            "Provider '" + provider
                                    + "' ended the stream before a finishReason; the answer is incomplete.")
                    .provider(provider)
                    .build();
        }
    }

    private static final class CandidateState {
        int toolCalls;
        boolean finished;
    }
}
