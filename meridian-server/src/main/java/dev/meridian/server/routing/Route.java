package dev.meridian.server.routing;

import static java.util.Objects.requireNonNull;

import dev.meridian.server.config.ProviderPromptCache;
import dev.meridian.server.pricing.EffectivePrice;
import dev.meridian.server.upstream.Provider;

/**
 * Where a public model name is served: a provider, the provider's name for the model, what its requests cost
 * there, and whether the group uses the provider's prompt cache ({@code cache.providerPrompt}).
 */
public record Route(
        String publicName,
        Provider provider,
        String upstreamModel,
        EffectivePrice pricing,
        ProviderPromptCache promptCache) {
    public Route {
        requireNonNull(publicName, "publicName");
        requireNonNull(provider, "provider");
        requireNonNull(upstreamModel, "upstreamModel");
        requireNonNull(pricing, "pricing");
        requireNonNull(promptCache, "promptCache");
    }

    /** A route of a group that leaves the provider's prompt cache alone. */
    public Route(String publicName, Provider provider, String upstreamModel, EffectivePrice pricing) {
        this(publicName, provider, upstreamModel, pricing, ProviderPromptCache.OFF);
    }

    /** Whether requests on this route use the provider's prompt cache. */
    public boolean promptCacheAuto() {
        return promptCache == ProviderPromptCache.AUTO;
    }
}
