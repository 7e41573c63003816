package dev.meridian.simulator.openai;

// Wire format sources (the providers' own documentation and SDK sources):
//   https://platform.openai.com/docs/api-reference/chat/create
//   https://platform.openai.com/docs/api-reference/chat/object
//   https://platform.openai.com/docs/api-reference/chat-streaming/streaming
//   https://platform.openai.com/docs/api-reference/embeddings/create
//   https://platform.openai.com/docs/api-reference/models/list
//   https://platform.openai.com/docs/guides/error-codes
//   https://platform.openai.com/docs/guides/prompt-caching
//   https://platform.openai.com/docs/guides/reasoning
//   https://github.com/openai/openai-openapi (ChatCompletionStreamOptions.include_usage)
//   https://github.com/openai/openai-python/blob/main/src/openai/types/chat/chat_completion_chunk.py

import dev.meridian.simulator.engine.FaultSource;
import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.ProtocolHandler;
import dev.meridian.simulator.engine.SimContext;
import dev.meridian.simulator.engine.SimResponse;
import dev.meridian.simulator.openai.OpenAiService.Endpoint;
import java.util.Optional;

/**
 * OpenAI's routes: {@code POST /v1/chat/completions}, {@code POST /v1/responses}, {@code POST /v1/embeddings},
 * {@code GET /v1/models}, {@code GET /v1/models/{id}}, authenticated by
 * {@code Authorization: Bearer <key>}. It claims every request no other protocol claims, so unknown
 * routes get OpenAI's {@code Invalid URL (METHOD /path)} 404.
 */
public final class OpenAiHandler implements ProtocolHandler {

    private static final String MODELS = "/v1/models";

    private final OpenAiService service;

    public OpenAiHandler(SimContext context) {
        this.service = new OpenAiService(context, OpenAiErrors.Flavor.OPENAI);
    }

    @Override
    public boolean claims(InboundRequest request) {
        return true;
    }

    @Override
    public SimResponse handle(InboundRequest request, FaultSource faults) {
        String path = request.path();
        String method = request.method();
        Optional<String> key = request.header("authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip());
        if (method.equals("POST") && path.equals("/v1/chat/completions")) {
            return service.serve(request, Endpoint.CHAT, Optional.empty(), key, faults);
        }
        if (method.equals("POST") && path.equals("/v1/responses")) {
            return service.serve(request, Endpoint.RESPONSES, Optional.empty(), key, faults);
        }
        if (method.equals("POST") && path.equals("/v1/embeddings")) {
            return service.serve(request, Endpoint.EMBEDDINGS, Optional.empty(), key, faults);
        }
        if (method.equals("GET") && path.equals(MODELS)) {
            return service.serve(request, Endpoint.LIST_MODELS, Optional.empty(), key, faults);
        }
        if (method.equals("GET") && path.startsWith(MODELS + "/")) {
            String id = path.substring(MODELS.length() + 1);
            return service.serve(request, Endpoint.GET_MODEL, Optional.of(id), key, faults);
        }
        return service.errors().unknownRoute(method, path);
    }

    @Override
    public SimResponse internalError(String message) {
        return service.errors().error(500, message, "server_error", null, null);
    }
}
