package dev.meridian.server.config;

/**
 * A model group's {@code cache} block.
 *
 * @param providerPrompt {@code auto} (default) or {@code off}: see {@link ProviderPromptCache}
 */
public record ModelCacheConfig(String providerPrompt) {

    /** Nothing configured: every default. */
    public static final ModelCacheConfig DEFAULTS = new ModelCacheConfig(null);

    /** The provider prompt-cache setting; {@link ProviderPromptCache#AUTO} when unset (validated at load). */
    public ProviderPromptCache providerPromptCache() {
        return ProviderPromptCache.parse(providerPrompt).orElse(ProviderPromptCache.AUTO);
    }
}
