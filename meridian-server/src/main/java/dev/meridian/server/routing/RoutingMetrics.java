package dev.meridian.server.routing;

import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.core.routing.Deployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routing's Prometheus metrics. Counters are created on first use per label set and cached; gauges read the
 * live state. Thread-safe.
 *
 * <ul>
 *   <li>{@code meridian_attempts_total{group,deployment,outcome}}: outcome success, rateLimit, serverError,
 *       timeout, contextWindow, contentPolicy, rejected (the request's own fault), cancelled</li>
 *   <li>{@code meridian_retries_total{group}}, {@code meridian_fallbacks_total{from,to,reason}}</li>
 *   <li>{@code meridian_hedges_total{outcome}}: started, won_by_hedge, won_by_first, lost</li>
 *   <li>{@code meridian_smart_selections_total{task,tier,model}}, {@code meridian_degraded_total{from,to}}</li>
 *   <li>{@code meridian_shed_total}: requests refused by overload protection</li>
 *   <li>{@code meridian_deployment_circuit_state{group,deployment}}: 0 closed, 1 half-open, 2 open</li>
 *   <li>{@code meridian_deployment_in_flight{group,deployment}}, {@code meridian_provider_healthy{provider}},
 *       {@code meridian_provider_credentials_refused{provider}}: 1 while health checks get 401/403</li>
 *   <li>{@code meridian_admission_in_flight}, {@code meridian_admission_queue_depth}</li>
 * </ul>
 */
public final class RoutingMetrics {

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final List<Meter> routeGauges = new java.util.ArrayList<>();

    public RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers the gauges of the configured groups, providers and admission; after each {@link RouteTable#swap}
     * those of the groups and providers are registered again for the routes in force.
     */
    public void bind(RouteTable table, Admission admission) {
        bindRoutes(table);
        table.onSwap(swap -> bindRoutes(table));
        Gauge.builder("meridian_admission_in_flight", admission, Admission::inFlight)
                .description("Requests holding one of the gateway's places")
                .register(registry);
        Gauge.builder("meridian_admission_queue_depth", admission, Admission::queueDepth)
                .description("Requests waiting for a place")
                .register(registry);
    }

    private synchronized void bindRoutes(RouteTable table) {
        routeGauges.forEach(registry::remove);
        routeGauges.clear();
        for (ModelGroup group : table.groups()) {
            for (Deployment<Route> d : group.deployments()) {
                routeGauges.add(Gauge.builder("meridian_deployment_circuit_state", d, RoutingMetrics::circuit)
                        .description("Circuit breaker: 0 closed, 1 half-open, 2 open")
                        .tags("group", group.name(), "deployment", d.id())
                        .register(registry));
                routeGauges.add(Gauge.builder("meridian_deployment_in_flight", d, Deployment::inFlight)
                        .description("Requests in flight on the deployment")
                        .tags("group", group.name(), "deployment", d.id())
                        .register(registry));
            }
        }
        table.providers()
                .forEach(p -> routeGauges.add(
                        Gauge.builder("meridian_provider_healthy", table.health(p.name()), h -> h.healthy() ? 1 : 0)
                                .description("Active health checks: 1 healthy, 0 unhealthy")
                                .tags("provider", p.name())
                                .register(registry)));
        table.providers()
                .forEach(p -> routeGauges.add(Gauge.builder(
                                "meridian_provider_credentials_refused",
                                table.health(p.name()),
                                h -> h.credentialsRefused() ? 1 : 0)
                        .description("1 while the provider's health checks are refused (401/403): check its apiKey")
                        .tags("provider", p.name())
                        .register(registry)));
    }

    private static double circuit(Deployment<?> d) {
        CircuitBreaker.State s = d.breaker().state(System.nanoTime());
        return s == CircuitBreaker.State.CLOSED ? 0 : s == CircuitBreaker.State.HALF_OPEN ? 1 : 2;
    }

    public void attempt(String group, String deployment, String outcome) {
        count(
                "meridian_attempts",
                "Calls made to deployments",
                "group",
                group,
                "deployment",
                deployment,
                "outcome",
                outcome);
    }

    public void retry(String group) {
        count("meridian_retries", "Attempts repeated after a retryable failure", "group", group);
    }

    public void fallback(String from, String to, String reason) {
        count("meridian_fallbacks", "Requests moved to a fallback group", "from", from, "to", to, "reason", reason);
    }

    public void hedge(String outcome) {
        count("meridian_hedges", "Hedged attempts", "outcome", outcome);
    }

    public void smartSelection(String task, String tier, String model) {
        count(
                "meridian_smart_selections",
                "Models chosen by smart selection",
                "task",
                task,
                "tier",
                tier,
                "model",
                model);
    }

    public void degraded(String from, String to) {
        count("meridian_degraded", "Requests served by a cheaper group under load", "from", from, "to", to);
    }

    public void shed() {
        count("meridian_shed", "Requests refused by overload protection");
    }

    private void count(String name, String description, String... tags) {
        List<String> key = new java.util.ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        counters.computeIfAbsent(
                        key,
                        k -> Counter.builder(name)
                                .description(description)
                                .tags(tags)
                                .register(registry))
                .increment();
    }
}
