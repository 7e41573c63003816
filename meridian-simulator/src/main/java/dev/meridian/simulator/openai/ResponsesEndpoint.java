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

/**
 * {@code POST /v1/responses}: the body read as the chat request it means ({@link ResponsesChatBody}), answered by
 * the same engine, faults and usage as chat completions, and rendered as a response object or the typed event
 * stream ({@link ResponsesEncoder}). The simulator stores nothing: {@code previous_response_id} is refused, as
 * OpenAI refuses an id it does not know.
 */
final class ResponsesEndpoint {

    private final SimContext context;
    private final OpenAiErrors errors;
    private final ChatRequestDecoder decoder;
    private final ResponsesEncoder encoder;

    ResponsesEndpoint(SimContext context, OpenAiErrors errors) {
        this.context = context;
        this.errors = errors;
        this.decoder = new ChatRequestDecoder(errors);
        this.encoder = new ResponsesEncoder(context.ids());
    }

    SimResponse handle(InboundRequest request, JsonNode body, FaultSource faults) {
        if (body.hasNonNull("previous_response_id")) {
            return errors.error(
                    400,
                    "Previous response with id '"
                            + body.path("previous_response_id").asText() + "' not found.",
                    "invalid_request_error",
                    "previous_response_id",
                    "previous_response_not_found");
        }
        ChatRequest chat = decoder.decode(ResponsesChatBody.of(body), java.util.Optional.empty());
        String model = chat.conversation().model();
        if (!context.knowsModel(model)) {
            return errors.modelNotFound(model);
        }
        Directives directives = faults.resolve(request.path(), model, chat.inline());
        if (directives.error().isPresent()) {
            return errors.refused(directives.error().get(), chat.promptTokens(), directives);
        }
        if (directives.failsWithStatus()) {
            return errors.injected(directives.status().getAsInt(), model, directives);
        }
        Completion completion = ReplyEngine.complete(chat.conversation(), directives);
        ChatUsage usage = new ChatUsage(chat.promptTokens(), 0, completion.outputTokens(), completion.thinkingTokens());
        String id = context.ids().next("resp_", 48);
        long created = System.currentTimeMillis() / 1000;
        if (chat.stream()) {
            return new SimResponse.EventStream(
                    Map.of(), encoder.stream(id, created, body, completion, usage), SseEvent.Framing.LF, directives);
        }
        return SimResponse.json(200, encoder.response(id, created, body, completion, usage), directives);
    }
}
