package dev.meridian.core.provider.openai;

import dev.meridian.core.protocol.openai.OpenAiProtocolAdapter;
import dev.meridian.core.protocol.openai.OpenAiRequestEncoder;
import dev.meridian.core.provider.ProviderSettings;
import java.util.Map;

/**
 * OpenAI's own API (https://platform.openai.com/docs/api-reference/chat, .../embeddings): base URL
 * {@value #DEFAULT_BASE_URL}, paths {@code /chat/completions} and {@code /embeddings}, the key as
 * {@code Authorization: Bearer}, organisation and project as configured headers ({@code OpenAI-Organization},
 * {@code OpenAI-Project}). The output limit goes in {@code max_completion_tokens}; {@code top_k} is refused.
 */
public final class OpenAiAdapter extends OpenAiProtocolAdapter {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    /** @throws IllegalArgumentException when the settings have no API key: OpenAI answers nothing without one */
    public OpenAiAdapter(ProviderSettings settings) {
        super(
                settings,
                OpenAiRequestEncoder.TokenLimit.MAX_COMPLETION_TOKENS,
                OPENAI_PARAMS,
                Map.of("Authorization", "Bearer " + requireKey(settings)));
    }

    /** OpenAI routes requests with the same {@code prompt_cache_key} and prefix to the same cache. */
    @Override
    protected boolean takesPromptCacheKey() {
        return true;
    }

    private static String requireKey(ProviderSettings settings) {
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            throw new IllegalArgumentException("Provider '" + settings.name() + "' (OpenAI) needs an apiKey");
        }
        return settings.apiKey();
    }
}
