package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One admin action, as appended to the audit log.
 *
 * @param id assigned by the store; 0 before appending
 * @param ts when it happened; null before appending means "now"
 * @param actor who did it (user id, key id or "system")
 * @param tenantId the tenant acted on, or null for platform-level actions
 * @param action what was done, e.g. {@code key.rotate}
 * @param beforeJson the target before the action as JSON, or null (creation)
 * @param afterJson the target after the action as JSON, or null (deletion)
 * @param sourceIp the client address the action came from, or null
 */
public record AuditEntry(
        long id,
        Instant ts,
        String actor,
        String tenantId,
        String action,
        String targetType,
        String targetId,
        String beforeJson,
        String afterJson,
        String sourceIp) {

    public AuditEntry {
        requireNonNull(actor, "actor");
        requireNonNull(action, "action");
        requireNonNull(targetType, "targetType");
    }

    /** An entry to append: the store assigns the id and, with a null {@code ts}, the time. */
    public static AuditEntry of(
            String actor,
            String tenantId,
            String action,
            String targetType,
            String targetId,
            String beforeJson,
            String afterJson,
            String sourceIp) {
        return new AuditEntry(0, null, actor, tenantId, action, targetType, targetId, beforeJson, afterJson, sourceIp);
    }
}
