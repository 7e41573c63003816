package dev.meridian.simulator.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.Completion;
import dev.meridian.simulator.engine.Completion.Choice;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.TextChunks;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Completion} as GenerateContentResponse objects: one for generateContent, a list
 * of chunks for streamGenerateContent. Each chunk is itself a complete GenerateContentResponse
 * carrying one part per candidate (a word of thought or text, or the whole functionCall); the last
 * chunk of a candidate carries its finishReason; every chunk carries usageMetadata, the final one
 * complete.
 */
final class GenerateEncoder {

    private final String model;
    private final String responseId;
    private final GenerateRequest request;
    private final Completion completion;
    private final int cachedTokens;

    GenerateEncoder(String model, String responseId, GenerateRequest request, Completion completion, int cachedTokens) {
        this.model = model;
        this.responseId = responseId;
        this.request = request;
        this.completion = completion;
        this.cachedTokens = cachedTokens;
    }

    /** The answer when the prompt itself is blocked: promptFeedback and no candidates. */
    ObjectNode blocked() {
        ObjectNode response = Json.object();
        ObjectNode feedback = response.putObject("promptFeedback").put("blockReason", "SAFETY");
        feedback.set("safetyRatings", safetyRatings());
        response.putObject("usageMetadata")
                .put("promptTokenCount", request.promptTokens())
                .put("totalTokenCount", request.promptTokens());
        return trailer(response);
    }

    ObjectNode response() {
        ObjectNode response = Json.object();
        ArrayNode candidates = response.putArray("candidates");
        for (Choice choice : completion.choices()) {
            ObjectNode candidate = candidates.addObject();
            List<ObjectNode> parts = parts(choice, false);
            if (!parts.isEmpty()) {
                ObjectNode content = candidate.putObject("content");
                parts.forEach(content.putArray("parts")::add);
                content.put("role", "model");
            }
            finish(candidate, choice);
        }
        response.set("usageMetadata", usage());
        return trailer(response);
    }

    List<ObjectNode> chunks() {
        List<List<ObjectNode>> perChoice = new ArrayList<>();
        int steps = 1;
        for (Choice choice : completion.choices()) {
            List<ObjectNode> parts = parts(choice, true);
            perChoice.add(parts);
            steps = Math.max(steps, parts.size());
        }
        List<ObjectNode> chunks = new ArrayList<>(steps);
        for (int step = 0; step < steps; step++) {
            ObjectNode chunk = Json.object();
            ArrayNode candidates = chunk.putArray("candidates");
            for (Choice choice : completion.choices()) {
                List<ObjectNode> parts = perChoice.get(choice.index());
                int last = Math.max(0, parts.size() - 1);
                if (step > last) {
                    continue;
                }
                ObjectNode candidate = candidates.addObject();
                if (step < parts.size()) {
                    ObjectNode content = candidate.putObject("content");
                    content.putArray("parts").add(parts.get(step));
                    content.put("role", "model");
                }
                if (step == last) {
                    finish(candidate, choice);
                } else {
                    candidate.put("index", choice.index());
                }
            }
            chunk.set("usageMetadata", step == steps - 1 ? usage() : promptUsage());
            chunks.add(trailer(chunk));
        }
        return chunks;
    }

    private List<ObjectNode> parts(Choice choice, boolean split) {
        List<ObjectNode> parts = new ArrayList<>();
        if (request.includeThoughts() && choice.thinking().isPresent()) {
            for (String piece : split
                    ? TextChunks.words(choice.thinking().get())
                    : List.of(choice.thinking().get())) {
                parts.add(Json.object().put("text", piece).put("thought", true));
            }
        }
        if (choice.output() instanceof Completion.ToolCall call) {
            ObjectNode part = Json.object();
            part.putObject("functionCall").put("name", call.name()).set("args", call.arguments());
            if (choice.thinking().isPresent()) {
                part.put("thoughtSignature", ThoughtSignatures.sign(call.name(), call.arguments()));
            }
            parts.add(part);
        } else if (choice.finish() != Completion.Finish.CONTENT_FILTER) {
            String text = ((Completion.Text) choice.output()).text();
            for (String piece : split ? TextChunks.words(text) : List.of(text)) {
                parts.add(Json.object().put("text", piece));
            }
        }
        return parts;
    }

    private void finish(ObjectNode candidate, Choice choice) {
        candidate.put("finishReason", finishReason(choice.finish()));
        if (choice.finish() == Completion.Finish.CONTENT_FILTER) {
            candidate.set("safetyRatings", safetyRatings());
        }
        candidate.put("index", choice.index());
    }

    private ObjectNode usage() {
        int thoughts = completion.thinkingTokens();
        int candidates = completion.outputTokens() - thoughts;
        ObjectNode usage = Json.object()
                .put("promptTokenCount", request.promptTokens())
                .put("candidatesTokenCount", candidates)
                .put("totalTokenCount", request.promptTokens() + candidates + thoughts);
        if (cachedTokens > 0) {
            usage.put("cachedContentTokenCount", cachedTokens);
        }
        usage.putArray("promptTokensDetails")
                .addObject()
                .put("modality", "TEXT")
                .put("tokenCount", request.promptTokens());
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        return usage;
    }

    private ObjectNode promptUsage() {
        return Json.object()
                .put("promptTokenCount", request.promptTokens())
                .put("totalTokenCount", request.promptTokens());
    }

    private ObjectNode trailer(ObjectNode response) {
        return response.put("modelVersion", model).put("responseId", responseId);
    }

    private static ArrayNode safetyRatings() {
        ArrayNode ratings = Json.array();
        ratings.addObject()
                .put("category", "HARM_CATEGORY_DANGEROUS_CONTENT")
                .put("probability", "HIGH")
                .put("blocked", true);
        return ratings;
    }

    static String finishReason(Completion.Finish finish) {
        return switch (finish) {
            case STOP, STOP_SEQUENCE, TOOL_CALL -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
        };
    }
}
