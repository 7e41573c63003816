package dev.meridian.server.routing;

import static java.util.Objects.requireNonNull;

import dev.meridian.server.pricing.EffectivePrice;
import dev.meridian.server.upstream.Provider;

/**
 * Where a public model name is served: a provider, the provider's name for the model, and what its requests cost
 * there.
 */
public record Route(String publicName, Provider provider, String upstreamModel, EffectivePrice pricing) {
    public Route {
        requireNonNull(publicName, "publicName");
        requireNonNull(provider, "provider");
        requireNonNull(upstreamModel, "upstreamModel");
        requireNonNull(pricing, "pricing");
    }
}
