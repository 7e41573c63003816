package dev.meridian.server.budget;

import dev.meridian.store.model.Budget;
import java.time.Instant;

/**
 * Told when a budget's spend crosses one of its {@code alert_at} fractions: once per crossing on this replica; the
 * alert outbox makes it once per budget, period and fraction across replicas and restarts.
 */
@FunctionalInterface
public interface ThresholdListener {

    ThresholdListener NONE = (budget, periodStart, fraction, spentNanos, limitNanos) -> {};

    void crossed(Budget budget, Instant periodStart, double fraction, long spentNanos, long limitNanos);
}
