package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.simulator.engine.Completion;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.FaultSource;
import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.ReplyEngine;
import dev.meridian.simulator.engine.SimContext;
import dev.meridian.simulator.engine.SimResponse;
import dev.meridian.simulator.engine.SseEvent;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/chat/completions}: decode, apply faults, answer, render.
 *
 * <p>Prompt caching: a prompt of at least 1024 tokens whose model, messages and tools were seen
 * before by this simulator reports {@code cached_tokens} = the largest multiple of 128 not above the
 * prompt; a {@code cached=n} directive reports {@code min(n, prompt)} instead. Reasoning models
 * (name starts with "o" or contains "reasoning") spend the tokens of the simulator's thinking text as
 * {@code reasoning_tokens}, included in {@code completion_tokens}.
 */
final class ChatEndpoint {

    static final int CACHE_MINIMUM = 1024;
    static final int CACHE_GRANULARITY = 128;

    private final SimContext context;
    private final OpenAiErrors errors;
    private final ChatRequestDecoder decoder;
    private final ChatEncoder encoder;

    ChatEndpoint(SimContext context, OpenAiErrors errors) {
        this.context = context;
        this.errors = errors;
        this.decoder = new ChatRequestDecoder(errors);
        this.encoder = new ChatEncoder(context.ids());
    }

    SimResponse handle(InboundRequest request, JsonNode body, Optional<String> deployment, FaultSource faults) {
        ChatRequest chat = decoder.decode(body, deployment);
        String model = chat.conversation().model();
        if (!context.knowsModel(deployment.orElse(model))) {
            return errors.modelNotFound(deployment.orElse(model));
        }
        Directives directives = faults.resolve(request.path(), model, chat.inline());
        if (directives.error().isPresent()) {
            return errors.refused(directives.error().get(), chat.promptTokens(), directives);
        }
        if (directives.failsWithStatus()) {
            return errors.injected(directives.status().getAsInt(), model, directives);
        }
        Completion completion = ReplyEngine.complete(chat.conversation(), directives);
        ChatUsage usage = new ChatUsage(
                chat.promptTokens(), cached(chat, directives), completion.outputTokens(), completion.thinkingTokens());
        String id = context.ids().next("chatcmpl-", 29);
        long created = System.currentTimeMillis() / 1000;
        if (chat.stream()) {
            return new SimResponse.EventStream(
                    Map.of(),
                    encoder.stream(id, created, model, completion, usage, chat.includeUsage()),
                    SseEvent.Framing.LF,
                    directives);
        }
        return SimResponse.json(200, encoder.completion(id, created, model, completion, usage), directives);
    }

    private int cached(ChatRequest chat, Directives directives) {
        int prompt = chat.promptTokens();
        if (directives.cached().isPresent()) {
            return Math.min(directives.cached().getAsInt(), prompt);
        }
        if (prompt < CACHE_MINIMUM || !context.promptCache().seenBefore(chat.promptKey())) {
            return 0;
        }
        return prompt / CACHE_GRANULARITY * CACHE_GRANULARITY;
    }
}
