package dev.meridian.server.routing;

import static java.util.Objects.requireNonNull;

import dev.meridian.server.upstream.Provider;

/** Where a public model name is served: a provider and the provider's name for the model. */
public record Route(String publicName, Provider provider, String upstreamModel) {
    public Route {
        requireNonNull(publicName, "publicName");
        requireNonNull(provider, "provider");
        requireNonNull(upstreamModel, "upstreamModel");
    }
}
