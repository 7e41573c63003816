package dev.meridian.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.FaultSource;
import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.Json;
import dev.meridian.simulator.engine.Rejection;
import dev.meridian.simulator.engine.SimContext;
import dev.meridian.simulator.engine.SimResponse;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAI endpoints behind both route tables (OpenAI's and Azure's): checks the key, parses the
 * body and runs the endpoint. The handlers only map paths and find the key.
 */
final class OpenAiService {

    /** The OpenAI models listed when the simulator is not configured with its own list. */
    static final List<String> CATALOG = List.of(
            "gpt-4o",
            "gpt-4o-mini",
            "gpt-4.1",
            "gpt-4.1-mini",
            "o3",
            "o4-mini",
            "text-embedding-3-small",
            "text-embedding-3-large");

    private static final long CREATED = 1_700_000_000L;

    /** The endpoints a route can lead to. */
    enum Endpoint {
        CHAT,
        RESPONSES,
        EMBEDDINGS,
        LIST_MODELS,
        GET_MODEL
    }

    private final SimContext context;
    private final OpenAiErrors errors;
    private final ChatEndpoint chat;
    private final EmbeddingsEndpoint embeddings;
    private final ResponsesEndpoint responses;

    OpenAiService(SimContext context, OpenAiErrors.Flavor flavor) {
        this.context = context;
        this.errors = new OpenAiErrors(flavor);
        this.chat = new ChatEndpoint(context, errors);
        this.embeddings = new EmbeddingsEndpoint(context, errors);
        this.responses = new ResponsesEndpoint(context, errors);
    }

    OpenAiErrors errors() {
        return errors;
    }

    /**
     * Serves {@code endpoint}. {@code target} is the Azure deployment for chat and embeddings, or the
     * model id for GET_MODEL.
     */
    SimResponse serve(
            InboundRequest request,
            Endpoint endpoint,
            Optional<String> target,
            Optional<String> presentedKey,
            FaultSource faults) {
        switch (context.checkKey(presentedKey)) {
            case MISSING -> {
                return errors.missingKey();
            }
            case WRONG -> {
                return errors.wrongKey(presentedKey.orElse(""));
            }
            default -> {}
        }
        try {
            return switch (endpoint) {
                case CHAT -> chat.handle(request, body(request), target, faults);
                case RESPONSES -> responses.handle(request, body(request), faults);
                case EMBEDDINGS -> embeddings.handle(request, body(request), target, faults);
                case LIST_MODELS -> models();
                case GET_MODEL -> model(target.orElse(""));
            };
        } catch (Rejection rejection) {
            return rejection.response();
        }
    }

    private JsonNode body(InboundRequest request) {
        return Json.parse(request.body())
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new Rejection(errors.invalidRequest(
                        "We could not parse the JSON body of your request. (HINT: This likely "
                                + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, "
                                + "but what was sent was not valid JSON. If you have trouble figuring out how to fix this, "
                                + "please contact us through our help center at help.openai.com.)",
                        null,
                        null)));
    }

    private SimResponse models() {
        ObjectNode list = Json.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String id : context.catalog(CATALOG)) {
            data.add(modelObject(id));
        }
        return SimResponse.json(200, list);
    }

    private SimResponse model(String id) {
        boolean known = context.models().isEmpty() ? CATALOG.contains(id) : context.knowsModel(id);
        return known ? SimResponse.json(200, modelObject(id)) : errors.modelNotFound(id);
    }

    private static ObjectNode modelObject(String id) {
        return Json.object()
                .put("id", id)
                .put("object", "model")
                .put("created", CREATED)
                .put("owned_by", "system");
    }
}
