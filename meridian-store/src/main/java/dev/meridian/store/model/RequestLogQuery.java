package dev.meridian.store.model;

import java.time.Instant;

/**
 * Filters for reading the request log, newest first.
 *
 * @param tenantId the tenant whose records to read; null only for platform-wide reads by a super-admin
 * @param from inclusive lower bound on the time, or null
 * @param to exclusive upper bound on the time, or null
 * @param keyId only this key's records, or null
 * @param model only records whose asked-for model is this, or null
 * @param status only this HTTP status, or null
 * @param cursor from the previous page's {@link Page#nextCursor()}, or null for the first page
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 */
public record RequestLogQuery(
        String tenantId,
        Instant from,
        Instant to,
        String keyId,
        String model,
        Integer status,
        String cursor,
        int limit) {

    public static final int MAX_LIMIT = 1000;

    public RequestLogQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The first page of one tenant's records, with no other filter. */
    public static RequestLogQuery forTenant(String tenantId, int limit) {
        return new RequestLogQuery(tenantId, null, null, null, null, null, null, limit);
    }

    public RequestLogQuery withCursor(String cursor) {
        return new RequestLogQuery(tenantId, from, to, keyId, model, status, cursor, limit);
    }
}
