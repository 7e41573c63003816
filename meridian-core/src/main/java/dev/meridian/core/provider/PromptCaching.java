package dev.meridian.core.provider;

/**
 * What the gateway asks of a provider's prompt cache for one request, on behalf of a model group whose
 * {@code cache.providerPrompt} is {@code auto}. An adapter uses what its provider understands and ignores the rest:
 * Anthropic inserts {@code cache_control} breakpoints, OpenAI sends {@code prompt_cache_key}. Neither ever changes
 * what the model answers, only what the provider may reuse.
 *
 * @param auto     whether the gateway may mark the request's stable prefix for caching (Anthropic breakpoints)
 * @param cacheKey the key that groups requests sharing a prefix (OpenAI {@code prompt_cache_key}); null to send none
 */
public record PromptCaching(boolean auto, String cacheKey) {

    /** Nothing asked: the request goes as the caller shaped it. */
    public static final PromptCaching OFF = new PromptCaching(false, null);
}
