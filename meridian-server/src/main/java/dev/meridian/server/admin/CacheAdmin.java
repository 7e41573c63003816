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
 * tenant admin's (manage_tenant) of its own tenant's answers, all or one group's. Each purge is audited as
 * {@code cache.purge}: who, which tenant and group, and how many answers it removed (or, when the shared tier could
 * not be purged, why). Runs on a worker thread.
 */
final class CacheAdmin {

    static final String ACTION = "cache.purge";

    private final ResponseCache cache;

    CacheAdmin(ResponseCache cache) {
        this.cache = cache;
    }

    /** {@code DELETE /cache[?tenant_id=&model=]}. */
    Object purgeAll(AuditTrail audit, Actor actor, String tenantId, String model) {
        checkSuperAdmin(actor, "purge the whole response cache");
        return purge(audit, actor, tenantId, model);
    }

    /** {@code DELETE /tenants/{tenantId}/cache[?model=]}. */
    Object purgeTenant(AuditTrail audit, Actor actor, String tenantId, String model) {
        check(actor, tenantId, Permission.MANAGE_TENANT);
        return purge(audit, actor, tenantId, model);
    }

    private Object purge(AuditTrail audit, Actor actor, String tenantId, String model) {
        long removed;
        try {
            removed = cache.purge(tenantId, model)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The local tier is purged; the shared one may not be: say so rather than report a purge that was not.
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String message = "This replica's cache was purged, but the shared tier (Redis) could not be: "
                    + cause.getMessage() + ". Try again.";
            Map<String, Object> failed = view(tenantId, model, null);
            failed.put("error", message);
            audit.record(actor, tenantId, ACTION, "cache", model, null, failed);
            throw GatewayException.builder(ErrorCode.INTERNAL, message).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.of(ErrorCode.INTERNAL, "Interrupted while purging the cache.");
        }
        Map<String, Object> view = view(tenantId, model, removed);
        audit.record(actor, tenantId, ACTION, "cache", model, null, view);
        return view;
    }

    private static Map<String, Object> view(String tenantId, String model, Long removed) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("object", "cache.purge");
        view.put("tenant_id", tenantId);
        view.put("model", model);
        view.put("removed", removed);
        return view;
    }
}
