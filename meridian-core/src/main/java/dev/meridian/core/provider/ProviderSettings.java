package dev.meridian.core.provider;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a provider adapter needs to know of its configuration: no network settings (those belong to the
 * HTTP client), only what shapes the requests.
 *
 * @param name                  the provider's configured name, used in error messages and metrics
 * @param apiKey                the credential sent upstream; null for providers that need none (local Ollama)
 * @param headers               extra headers sent with every request (e.g. OpenRouter's HTTP-Referer)
 * @param extraBody             extra top-level body fields merged into every request (e.g. vLLM's
 *                              {@code chat_template_kwargs}); the caller's own fields win
 * @param apiVersion            Azure {@code api-version}, Anthropic {@code anthropic-version}; null for the default
 * @param dropUnsupportedParams drop parameters the provider cannot honour instead of refusing the request
 * @param streamUsage           OpenAI protocol only: ask for {@code stream_options.include_usage} on every
 *                              stream (off for old OpenAI-compatible servers that reject the field)
 * @param responsesApi          OpenAI protocol only: the deployment serves OpenAI's Responses API
 *                              ({@code /responses}), so Responses requests pass through to it instead of being
 *                              translated to chat completions
 */
public record ProviderSettings(
        String name,
        String apiKey,
        Map<String, String> headers,
        Map<String, JsonNode> extraBody,
        String apiVersion,
        boolean dropUnsupportedParams,
        boolean streamUsage,
        boolean responsesApi) {
    public ProviderSettings {
        requireNonNull(name, "name");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        extraBody = extraBody == null ? Map.of() : Map.copyOf(extraBody);
    }

    /** Settings of a deployment without the Responses API. */
    public ProviderSettings(
            String name,
            String apiKey,
            Map<String, String> headers,
            Map<String, JsonNode> extraBody,
            String apiVersion,
            boolean dropUnsupportedParams,
            boolean streamUsage) {
        this(name, apiKey, headers, extraBody, apiVersion, dropUnsupportedParams, streamUsage, false);
    }

    public static ProviderSettings of(String name, String apiKey) {
        return new ProviderSettings(name, apiKey, Map.of(), Map.of(), null, false, true);
    }
}
