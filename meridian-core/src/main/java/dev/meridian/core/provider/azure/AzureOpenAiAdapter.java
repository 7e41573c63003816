package dev.meridian.core.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.protocol.openai.OpenAiProtocolAdapter;
import dev.meridian.core.protocol.openai.OpenAiRequestEncoder;
import dev.meridian.core.provider.ProviderSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Azure OpenAI. The base URL is the resource endpoint ({@code https://<resource>.openai.azure.com}); the key
 * goes in the {@code api-key} header. Two routes, chosen by {@link ProviderSettings#apiVersion()}:
 * <ul>
 *   <li>unset: the v1 API, {@code /openai/v1/chat/completions} and {@code /openai/v1/embeddings}, no
 *       api-version, the deployment name as {@code model} in the body
 *       (https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle, GA since August 2025);</li>
 *   <li>{@code preview} or {@code latest}: the same v1 route with that {@code api-version} query, as the
 *       openai-python {@code AzureOpenAI} client does;</li>
 *   <li>a dated version: the deployment route
 *       {@code /openai/deployments/<deployment>/chat/completions?api-version=<version>} (and
 *       {@code /embeddings}), the upstream model being the deployment name
 *       (https://learn.microsoft.com/azure/ai-foundry/openai/reference). The latest GA dated version the docs
 *       show is {@value #LATEST_GA_API_VERSION}.</li>
 * </ul>
 * Content filtering: a filtered answer ends with finish reason {@code content_filter}; a filtered prompt is
 * a 400 whose error has {@code code: content_filter} and an {@code innererror} naming the policy and the
 * categories, which are added to the message the caller gets.
 */
public final class AzureOpenAiAdapter extends OpenAiProtocolAdapter {

    public static final String LATEST_GA_API_VERSION = "2024-10-21";

    private final String chatPath;
    private final String embeddingsPath;
    private final String deploymentQuery;

    /**
     * @throws IllegalArgumentException when the settings have neither an API key nor an {@code Authorization}
     *                                  header (a Microsoft Entra ID token)
     */
    public AzureOpenAiAdapter(ProviderSettings settings) {
        super(settings, OpenAiRequestEncoder.TokenLimit.MAX_COMPLETION_TOKENS, OPENAI_PARAMS, credentials(settings));
        String version = settings.apiVersion();
        if (version == null) {
            chatPath = "/openai/v1/chat/completions";
            embeddingsPath = "/openai/v1/embeddings";
            deploymentQuery = null;
        } else if (version.equalsIgnoreCase("preview") || version.equalsIgnoreCase("latest")) {
            chatPath = "/openai/v1/chat/completions?api-version=" + encode(version);
            embeddingsPath = "/openai/v1/embeddings?api-version=" + encode(version);
            deploymentQuery = null;
        } else {
            chatPath = null;
            embeddingsPath = null;
            deploymentQuery = "?api-version=" + encode(version);
        }
    }

    private static Map<String, String> credentials(ProviderSettings settings) {
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            return Map.of("api-key", settings.apiKey());
        }
        for (String header : settings.headers().keySet()) {
            if (header.equalsIgnoreCase("Authorization")) {
                return Map.of();
            }
        }
        throw new IllegalArgumentException(
                "Provider '" + settings.name() + "' (Azure OpenAI) needs an apiKey or an Authorization header");
    }

    /** The data-plane model list: {@code /openai/v1/models}, or {@code /openai/models?api-version=} for dated versions. */
    @Override
    protected String modelsPath() {
        return deploymentQuery != null
                ? "/openai/models" + deploymentQuery
                : chatPath.replace("/chat/completions", "/models");
    }

    /** Azure serves the Responses API only on its v1 API: {@code /openai/v1/responses}. */
    @Override
    protected String responsesPath(String upstreamModel) {
        return chatPath != null ? chatPath.replace("/chat/completions", "/responses") : "/openai/v1/responses";
    }

    @Override
    protected String chatPath(String upstreamModel) {
        return chatPath != null ? chatPath : deploymentPath(upstreamModel, "/chat/completions");
    }

    @Override
    protected String embeddingsPath(String upstreamModel) {
        return embeddingsPath != null ? embeddingsPath : deploymentPath(upstreamModel, "/embeddings");
    }

    private String deploymentPath(String deployment, String operation) {
        return "/openai/deployments/" + encode(deployment) + operation + deploymentQuery;
    }

    /** OpenAI's error mapping, with Azure's {@code innererror} (policy and filtered categories) in the message. */
    @Override
    public GatewayException decodeError(int status, String retryAfter, byte[] body) {
        GatewayException e = super.decodeError(status, retryAfter, body);
        String inner = innerError(body);
        if (inner == null) {
            return e;
        }
        return GatewayException.builder(e.code(), e.getMessage() + " (" + inner + ")")
                .status(e.status())
                .param(e.param())
                .providerCode(e.providerCode())
                .provider(e.provider())
                .retryAfter(e.retryAfter())
                .requestSent(e.requestSent())
                .cut(e.cut())
                .build();
    }

    /** "ResponsibleAIPolicyViolation; filtered: hate (high)" from the body's innererror, or null. */
    private static String innerError(byte[] body) {
        JsonNode inner;
        try {
            inner = Json.parse(body).path("error").path("innererror");
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
        if (!inner.isObject()) {
            return null;
        }
        StringJoiner filtered = new StringJoiner(", ", "filtered: ", "").setEmptyValue("");
        JsonNode results = inner.has("content_filter_result")
                ? inner.get("content_filter_result")
                : inner.path("content_filter_results");
        for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> category = it.next();
            if (category.getValue().path("filtered").asBoolean(false)) {
                String severity = Json.text(category.getValue(), "severity");
                filtered.add(severity == null ? category.getKey() : category.getKey() + " (" + severity + ")");
            }
        }
        String code = Json.text(inner, "code");
        StringJoiner out = new StringJoiner("; ");
        if (code != null) {
            out.add(code);
        }
        if (filtered.length() > 0) {
            out.add(filtered.toString());
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static String encode(String pathOrQueryValue) {
        return URLEncoder.encode(pathOrQueryValue, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
