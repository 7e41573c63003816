package dev.meridian.server.config;

import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.anthropic.AnthropicAdapter;
import dev.meridian.core.provider.azure.AzureOpenAiAdapter;
import dev.meridian.core.provider.compat.OpenAiCompatibleAdapter;
import dev.meridian.core.provider.gemini.GeminiAdapter;
import dev.meridian.core.provider.openai.OpenAiAdapter;
import java.util.Arrays;
import java.util.function.Function;

/** The provider kinds a configuration may name, with their defaults: the one table of provider types. */
public enum ProviderType {
    OPENAI("openai", "https://api.openai.com/v1", true, OpenAiAdapter::new),
    AZURE("azure", null, true, AzureOpenAiAdapter::new),
    ANTHROPIC("anthropic", "https://api.anthropic.com", true, AnthropicAdapter::new),
    GEMINI("gemini", "https://generativelanguage.googleapis.com", true, GeminiAdapter::new),
    OPENAI_COMPATIBLE("openai-compatible", null, false, OpenAiCompatibleAdapter::new);

    private final String id;
    private final String defaultBaseUrl;
    private final boolean needsApiKey;
    private final Function<ProviderSettings, ProviderAdapter> factory;

    ProviderType(
            String id,
            String defaultBaseUrl,
            boolean needsApiKey,
            Function<ProviderSettings, ProviderAdapter> factory) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
        this.needsApiKey = needsApiKey;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    /** The API root when the configuration gives none; null where one must be given. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public boolean needsApiKey() {
        return needsApiKey;
    }

    public ProviderAdapter adapter(ProviderSettings settings) {
        return factory.apply(settings);
    }

    public static ProviderType of(String id) {
        for (ProviderType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(ProviderType::id).toList());
    }
}
