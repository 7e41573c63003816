package dev.meridian.server.budget;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code meridian_budget_used_ratio{tenant,budget,scope}}: a budget's spend over its limit in the current period,
 * as last settled on this replica (with Redis, the shared spend; alone, this replica's). A gauge appears with a
 * budget's first priced call on the replica and reads 0 once the period it was measured in has ended, until the
 * next call measures the new one; a budget deleted through this replica loses its gauge. For the "budget at 95 %"
 * alert rule. Thread-safe.
 */
final class BudgetGauges {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Level> levels = new ConcurrentHashMap<>();

    /** The last measured level of one budget. */
    private final class Level {
        volatile double ratio;
        volatile long periodEndMillis;
        Gauge gauge;

        double read() {
            return clock.millis() < periodEndMillis ? ratio : 0;
        }
    }

    BudgetGauges(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** {@code budget} has spent {@code spent} of its limit (both in nano-dollars) in its current period. */
    void record(BudgetBook.Live budget, long spent) {
        long limit = budget.meter().limit();
        Level level = levels.computeIfAbsent(budget.budget().id(), id -> register(budget));
        level.periodEndMillis = budget.meter()
                .period()
                .window(clock.instant(), budget.meter().zone())
                .end()
                .toEpochMilli();
        level.ratio = limit <= 0 ? 1 : (double) spent / limit;
    }

    void removed(String budgetId) {
        Level level = levels.remove(budgetId);
        if (level != null) {
            registry.remove(level.gauge);
        }
    }

    private Level register(BudgetBook.Live budget) {
        Level level = new Level();
        level.gauge = Gauge.builder("meridian_budget_used_ratio", level, Level::read)
                .description("A budget's spend over its limit in the current period (1 = limit reached)")
                .tags(
                        "tenant",
                        budget.budget().tenantId(),
                        "budget",
                        budget.budget().id(),
                        "scope",
                        budget.budget().scope().name().toLowerCase(Locale.ROOT))
                .register(registry);
        return level;
    }
}
