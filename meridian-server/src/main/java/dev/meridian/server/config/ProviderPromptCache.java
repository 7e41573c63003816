package dev.meridian.server.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the gateway uses a provider's prompt cache for a model group's requests ({@code cache.providerPrompt}):
 * Anthropic breakpoints on the stable prefix, OpenAI {@code prompt_cache_key} and deployment affinity by prefix.
 * See docs/prompt-caching.md.
 */
public enum ProviderPromptCache {
    /** The default: mark or key the stable prefix when it is past the provider's minimum. */
    AUTO,
    /** Send requests as the caller shaped them. */
    OFF;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The setting named {@code s} (case-insensitive); {@link #AUTO} when unset; empty when unknown. */
    public static Optional<ProviderPromptCache> parse(String s) {
        if (s == null) {
            return Optional.of(AUTO);
        }
        for (ProviderPromptCache v : values()) {
            if (v.wireName().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
