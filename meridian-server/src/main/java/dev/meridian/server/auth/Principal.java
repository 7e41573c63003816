package dev.meridian.server.auth;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.pricing.VolumeDiscount;
import java.util.Set;

/**
 * Who is calling.
 *
 * @param keyName       the name of the caller key, for logs and metrics (never the key itself)
 * @param tenantId      the tenant the key belongs to; null for keys from the configuration file
 * @param keyId         the key's id in the database; null for configured keys
 * @param userId        the user the key belongs to, if any
 * @param teamId        the team the key belongs to, if any
 * @param allowedModels public model names the key may use; empty means every model
 * @param storeBodies   whether the tenant has prompt and completion bodies kept in the request log
 * @param residencyRule the tenant's data-residency rule (e.g. CN), which requests cannot relax; null for none
 * @param limits        what the tenant's plan and the tenant's and key's rate limits allow
 * @param volumeDiscount the tenant's own volume discount tiers; null for the gateway's configured default
 * @param homeCountry   where the tenant's data lives, for residency evidence; null for the gateway's
 */
public record Principal(
        String keyName,
        String tenantId,
        String keyId,
        String userId,
        String teamId,
        Set<String> allowedModels,
        boolean storeBodies,
        String residencyRule,
        CallerLimits limits,
        VolumeDiscount volumeDiscount,
        String homeCountry) {

    public Principal {
        requireNonNull(keyName, "keyName");
        limits = limits == null ? CallerLimits.NONE : limits;
        allowedModels = allowedModels == null ? Set.of() : Set.copyOf(allowedModels);
    }

    /** A key from the configuration file: no tenant, every model. */
    public Principal(String keyName) {
        this(keyName, null, null, null, null, Set.of(), false, null, CallerLimits.NONE, null, null);
    }

    /** The prefix of a configured key's id in the request log: {@code config:} and the key's name. */
    public static final String CONFIGURED_KEY_PREFIX = "config:";

    /**
     * The id the request log keeps for this key: the database id of a virtual key, {@code config:<name>} for a key
     * from the configuration (which has no tenant), so that the super-admin can find its requests.
     */
    public String loggedKeyId() {
        return keyId != null ? keyId : tenantId == null ? CONFIGURED_KEY_PREFIX + keyName : null;
    }

    public boolean mayUse(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }
}
