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

    /**
     * The setting named {@code s} (case-insensitive); {@link #AUTO} when unset; empty when unknown. YAML 1.1 reads an
     * unquoted {@code off} as the boolean false, which arrives here as "false": it means {@link #OFF} (and "true"
     * {@link #AUTO}), as the writer meant.
     */
    public static Optional<ProviderPromptCache> parse(String s) {
        if (s == null) {
            return Optional.of(AUTO);
        }
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("false")) {
            return Optional.of(OFF);
        }
        if (v.equals("true")) {
            return Optional.of(AUTO);
        }
        for (ProviderPromptCache value : values()) {
            if (value.wireName().equals(v)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
