package dev.meridian.simulator.openai;

// Wire format sources (the provider's own documentation):
//   https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference
//   https://learn.microsoft.com/en-us/azure/ai-foundry/openai/api-version-lifecycle (the v1 API)
//   https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference-preview
// Bodies are OpenAI's (see OpenAiHandler); errors raised by Azure's front door use
// {"error": {"code", "message"}} (401, DeploymentNotFound, 429).

import dev.meridian.simulator.engine.FaultSource;
import dev.meridian.simulator.engine.InboundRequest;
import dev.meridian.simulator.engine.ProtocolHandler;
import dev.meridian.simulator.engine.SimContext;
import dev.meridian.simulator.engine.SimResponse;
import dev.meridian.simulator.openai.OpenAiService.Endpoint;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure OpenAI's routes, authenticated by the {@code api-key} header (or an Entra
 * {@code Authorization: Bearer} token):
 *
 * <ul>
 *   <li>{@code POST /openai/deployments/{deployment}/chat/completions?api-version=...} and
 *       {@code .../embeddings}: {@code api-version} is required (404 without it, as Azure does);
 *       the body's {@code model} is optional and defaults to the deployment name.
 *   <li>{@code POST /openai/v1/chat/completions}, {@code POST /openai/v1/embeddings},
 *       {@code GET /openai/v1/models}: the v1 API, {@code model} required, no api-version needed.
 * </ul>
 *
 * A deployment the simulator does not know (when configured with a model list) is a 404
 * DeploymentNotFound.
 */
public final class AzureOpenAiHandler implements ProtocolHandler {

    private static final Pattern DEPLOYMENT =
            Pattern.compile("/openai/deployments/([^/]+)/(chat/completions|embeddings)");

    private final OpenAiService service;

    public AzureOpenAiHandler(SimContext context) {
        this.service = new OpenAiService(context, OpenAiErrors.Flavor.AZURE);
    }

    @Override
    public boolean claims(InboundRequest request) {
        return request.path().startsWith("/openai/");
    }

    @Override
    public SimResponse handle(InboundRequest request, FaultSource faults) {
        Optional<String> key = request.header("api-key")
                .or(() -> request.header("authorization")
                        .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                        .map(value -> value.substring(7).strip()));
        String path = request.path();
        boolean post = request.method().equals("POST");
        Matcher deployment = DEPLOYMENT.matcher(path);
        if (post && deployment.matches()) {
            if (request.param("api-version").isEmpty()) {
                return service.errors().unknownRoute(request.method(), path);
            }
            String name = deployment.group(1);
            Endpoint endpoint = deployment.group(2).equals("embeddings") ? Endpoint.EMBEDDINGS : Endpoint.CHAT;
            return service.serve(request, endpoint, Optional.of(name), key, faults);
        }
        if (post && path.equals("/openai/v1/chat/completions")) {
            return service.serve(request, Endpoint.CHAT, Optional.empty(), key, faults);
        }
        if (post && path.equals("/openai/v1/embeddings")) {
            return service.serve(request, Endpoint.EMBEDDINGS, Optional.empty(), key, faults);
        }
        if (request.method().equals("GET") && path.equals("/openai/v1/models")) {
            return service.serve(request, Endpoint.LIST_MODELS, Optional.empty(), key, faults);
        }
        return service.errors().unknownRoute(request.method(), path);
    }

    @Override
    public SimResponse internalError(String message) {
        return service.errors().error(500, message, "server_error", null, null);
    }
}
