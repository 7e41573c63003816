package dev.meridian.server.metrics;

import dev.meridian.core.model.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each tenant spends, per model group: {@code meridian_tenant_cost_usd_total{tenant,model}} and
 * {@code meridian_tenant_tokens_total{tenant,model,type}} (type {@code input} or {@code output}), for the dashboards'
 * cost-by-tenant panels. Kept apart from the per-route meters so that tenants multiply two counters, not the latency
 * histograms. Both labels are bounded: tenants exist only when an administrator creates them (keys from the
 * configuration file count as tenant {@code config}), and the model is a routed group name or {@code unknown}.
 * Thread-safe; a map read and three atomic adds per request.
 */
final class TenantUsageMetrics {

    /** The tenant label of keys from the configuration file, which have none. */
    static final String NO_TENANT = "config";

    private final MeterRegistry registry;
    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

    private record Key(String tenant, String model) {}

    private record Meters(Counter cost, Counter input, Counter output) {}

    TenantUsageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one request of {@code tenantId} (null: a configured key) on {@code model}. */
    void count(String tenantId, String model, Usage usage, double costUsd) {
        if (usage == null && costUsd <= 0) {
            return;
        }
        Meters m = meters.computeIfAbsent(new Key(tenantId == null ? NO_TENANT : tenantId, model), this::register);
        if (usage != null) {
            m.input.increment(usage.inputTokens());
            m.output.increment(usage.outputTokens());
        }
        if (costUsd > 0) {
            m.cost.increment(costUsd);
        }
    }

    private Meters register(Key k) {
        return new Meters(
                Counter.builder("meridian_tenant_cost_usd")
                        .description("What a tenant's requests cost at their deployments' prices, in US dollars")
                        .tags("tenant", k.tenant, "model", k.model)
                        .register(registry),
                tokens(k, "input"),
                tokens(k, "output"));
    }

    private Counter tokens(Key k, String type) {
        return Counter.builder("meridian_tenant_tokens")
                .description("Tokens a tenant's requests consumed, by type")
                .tags("tenant", k.tenant, "model", k.model, "type", type)
                .register(registry);
    }
}
