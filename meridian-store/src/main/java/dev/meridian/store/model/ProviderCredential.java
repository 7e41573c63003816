package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What is known of a provider credential stored through the admin API, without the credential.
 *
 * @param provider  the provider's configured name
 * @param keyId     the id of the master key it is sealed under
 * @param updatedAt when it was last set
 * @param updatedBy who set it (a user id, or {@code admin-key}); null when unknown
 */
public record ProviderCredential(String provider, String keyId, Instant updatedAt, String updatedBy) {
    public ProviderCredential {
        requireNonNull(provider, "provider");
        requireNonNull(updatedAt, "updatedAt");
    }
}
