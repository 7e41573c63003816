package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.checkSuperAdmin;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.store.model.Permission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Purges of the response cache, in both tiers: the super-admin's of everything, one model group or one tenant; a
 * tenant admin's (manage_tenant) of its own tenant's answers, all or one group's. Runs on a worker thread.
 */
final class CacheAdmin {

    private final ResponseCache cache;

    CacheAdmin(ResponseCache cache) {
        this.cache = cache;
    }

    /** {@code DELETE /cache[?tenant_id=&model=]}. */
    Object purgeAll(Actor actor, String tenantId, String model) {
        checkSuperAdmin(actor, "purge the whole response cache");
        return purge(tenantId, model);
    }

    /** {@code DELETE /tenants/{tenantId}/cache[?model=]}. */
    Object purgeTenant(Actor actor, String tenantId, String model) {
        check(actor, tenantId, Permission.MANAGE_TENANT);
        return purge(tenantId, model);
    }

    private Object purge(String tenantId, String model) {
        long removed;
        try {
            removed = cache.purge(tenantId, model)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The local tier is purged; the shared one may not be: say so rather than report a purge that was not.
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw GatewayException.builder(
                            ErrorCode.INTERNAL,
                            "This replica's cache was purged, but the shared tier (Redis) could not be: "
                                    + cause.getMessage() + ". Try again.")
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.of(ErrorCode.INTERNAL, "Interrupted while purging the cache.");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("object", "cache.purge");
        view.put("tenant_id", tenantId);
        view.put("model", model);
        view.put("removed", removed);
        return view;
    }
}
