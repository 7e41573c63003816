package dev.meridian.core.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.anthropic.AnthropicAdapter;
import dev.meridian.core.provider.azure.AzureOpenAiAdapter;
import dev.meridian.core.provider.compat.OpenAiCompatibleAdapter;
import dev.meridian.core.provider.gemini.GeminiAdapter;
import dev.meridian.core.provider.openai.OpenAiAdapter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The adapter each golden folder ({@code golden/<provider>/...}) is run against. */
final class GoldenProviders {

    /** One line per provider folder. */
    private static final Map<String, Function<ProviderSettings, ProviderAdapter>> ADAPTERS = Map.of(
            "anthropic", AnthropicAdapter::new,
            "gemini", GeminiAdapter::new,
            "openai", OpenAiAdapter::new,
            "azure", AzureOpenAiAdapter::new,
            "compat", OpenAiCompatibleAdapter::new);

    private GoldenProviders() {}

    static ProviderAdapter adapter(String provider, JsonNode settings) {
        Function<ProviderSettings, ProviderAdapter> factory = ADAPTERS.get(provider);
        if (factory == null) {
            throw new IllegalArgumentException("no golden adapter registered for " + provider);
        }
        return factory.apply(settings(provider, settings));
    }

    static ProviderSettings settings(String provider, JsonNode o) {
        Map<String, String> headers = new LinkedHashMap<>();
        o.path("headers")
                .fields()
                .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        Map<String, JsonNode> extraBody = new LinkedHashMap<>();
        o.path("extraBody").fields().forEachRemaining(e -> extraBody.put(e.getKey(), e.getValue()));
        // "apiKey": null in case.json means no key at all (local OpenAI-compatible servers).
        String apiKey = o.has("apiKey") && o.get("apiKey").isNull()
                ? null
                : o.path("apiKey").asText("test-key");
        return new ProviderSettings(
                provider,
                apiKey,
                headers,
                extraBody,
                o.hasNonNull("apiVersion") ? o.get("apiVersion").asText() : null,
                o.path("dropUnsupportedParams").asBoolean(false),
                o.path("streamUsage").asBoolean(true));
    }
}
