package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A usage report: totals over {@code [from, to)}, grouped by {@code groupBy} in that order.
 *
 * @param tenantId the tenant, or null for the whole platform (every tenant and the configured keys)
 */
public record UsageQuery(String tenantId, Instant from, Instant to, List<UsageDimension> groupBy) {

    /** The most groups a report returns. */
    public static final int MAX_ROWS = 10_000;

    public UsageQuery {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        groupBy = List.copyOf(groupBy);
    }
}
