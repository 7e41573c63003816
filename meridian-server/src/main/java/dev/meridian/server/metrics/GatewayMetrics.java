package dev.meridian.server.metrics;

import dev.meridian.core.model.Usage;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Timings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's Prometheus metrics. Meters are created once per (operation, model, provider) and cached, so
 * recording a request is a map read and a few atomic adds. Thread-safe.
 *
 * <ul>
 *   <li>{@code meridian_requests_total{operation,model,provider,status}}</li>
 *   <li>{@code meridian_request_duration_seconds{operation,model,provider}}: whole request, stream included</li>
 *   <li>{@code meridian_gateway_overhead_seconds{operation,model,provider}}: time spent in the gateway before the
 *       provider had the request plus between the provider's answer arriving and its first byte reaching the
 *       caller</li>
 *   <li>{@code meridian_time_to_first_token_seconds{model,provider}}: streams, request start to first content</li>
 *   <li>{@code meridian_tokens_total{model,provider,type}}: type input, output, cached_input, cache_write, reasoning</li>
 *   <li>{@code meridian_inflight_requests}</li>
 *   <li>{@code meridian_connections_refused_total{reason}}: reason {@code per_client_limit}, a client address already
 *       holding {@code server.maxConnectionsPerClient} connections</li>
 *   <li>{@code meridian_connections_timed_out_total{phase}}: connections the gateway closed, phase {@code header}
 *       (headers too slow), {@code body} (body stalled) or {@code idle} (nothing in flight, nothing sent)</li>
 *   <li>{@code meridian_pii_detections_total{class,action}}: PII values found in requests ({@link PiiMetrics})</li>
 *   <li>{@code meridian_tenant_cost_usd_total{tenant,model}}, {@code meridian_tenant_tokens_total{tenant,model,type}}
 *       ({@link TenantUsageMetrics})</li>
 * </ul>
 */
public final class GatewayMetrics {

    /** The model label of requests refused before a route was found: unknown models, bad bodies, refused keys. */
    static final String UNROUTED = "unknown";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<RouteKey, RouteMeters> meters = new ConcurrentHashMap<>();
    private final AtomicInteger inflight = new AtomicInteger();
    private final Counter refusedPerClient;
    private final Counter headerTimeouts;
    private final Counter bodyStalls;
    private final Counter idleCloses;
    private final PiiMetrics pii = new PiiMetrics(registry);
    private final TenantUsageMetrics tenants = new TenantUsageMetrics(registry);

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("meridian_inflight_requests", inflight, AtomicInteger::get)
                .description("Requests being served")
                .register(registry);
        refusedPerClient = Counter.builder("meridian_connections_refused")
                .description("Connections closed at accept")
                .tag("reason", "per_client_limit")
                .register(registry);
        headerTimeouts = timedOut("header");
        bodyStalls = timedOut("body");
        idleCloses = timedOut("idle");
    }

    private Counter timedOut(String phase) {
        return Counter.builder("meridian_connections_timed_out")
                .description("Connections closed by the gateway for slowness or idleness")
                .tag("phase", phase)
                .register(registry);
    }

    /** A connection was refused because its client address holds the most connections allowed. Any thread. */
    public void connectionRefused() {
        refusedPerClient.increment();
    }

    /** A connection's request headers did not arrive in time. Any thread. */
    public void headerTimedOut() {
        headerTimeouts.increment();
    }

    /** A connection's request body stopped arriving. Any thread. */
    public void bodyStalled() {
        bodyStalls.increment();
    }

    /** A connection with nothing in flight was closed after the idle timeout. Any thread. */
    public void idleClosed() {
        idleCloses.increment();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Requests being served now (the {@code meridian_inflight_requests} gauge). */
    public int inFlight() {
        return inflight.get();
    }

    public void started() {
        inflight.incrementAndGet();
    }

    /** Records a finished request; called once per request, on its event loop. */
    public void finished(RequestContext ctx) {
        inflight.decrementAndGet();
        pii.count(ctx.piiDetections());
        // Only a name the gateway routed is a label: any other string a caller sends would be a new series each time.
        String model = ctx.plan() == null ? UNROUTED : ctx.model();
        // A cache hit reached no provider: its own label, so that hits are not mistaken for refusals.
        String provider = ctx.served() != null
                ? ctx.served().route().provider().name()
                : ctx.cache() != null && ctx.cache().hit() ? "cache" : "none";
        RouteMeters m = meters.computeIfAbsent(
                new RouteKey(ctx.operation().metricName(), model, provider), k -> new RouteMeters(registry, k));
        RequestContext.Outcome outcome = ctx.outcome();
        Timings t = ctx.timings();
        m.requests(outcome.status()).increment();
        m.duration.record(t.end() - t.start(), TimeUnit.NANOSECONDS);
        if (t.upstreamSent() > 0 && t.upstreamAnswer() > 0 && t.callerFirstByte() > 0) {
            long overhead = (t.upstreamSent() - t.start()) + Math.max(0, t.callerFirstByte() - t.upstreamAnswer());
            m.overhead.record(overhead, TimeUnit.NANOSECONDS);
        }
        if (t.firstToken() > 0) {
            m.timeToFirstToken.record(t.firstToken() - t.start(), TimeUnit.NANOSECONDS);
        }
        Usage u = outcome.usage();
        if (u != null) {
            m.inputTokens.increment(u.inputTokens());
            m.outputTokens.increment(u.outputTokens());
            m.cachedTokens.increment(u.cachedInputTokens());
            m.cacheWriteTokens.increment(u.cacheWriteTokens());
            m.reasoningTokens.increment(u.reasoningTokens());
        }
        RequestContext.Served served = ctx.served();
        double costUsd = ctx.attemptSpendUsd();
        if (served != null && u != null) {
            Double cost = served.cost(u);
            if (cost == null) {
                m.unpriced().increment();
            } else {
                costUsd += cost;
            }
        }
        if (costUsd > 0) {
            m.costUsd.increment(costUsd);
        }
        if (ctx.principal() != null) {
            tenants.count(ctx.principal().tenantId(), model, u, costUsd);
        }
    }

    private record RouteKey(String operation, String model, String provider) {}

    private static final class RouteMeters {
        private final MeterRegistry registry;
        private final RouteKey key;
        private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();
        final Timer duration;
        final Timer overhead;
        final Timer timeToFirstToken;
        final Counter inputTokens;
        final Counter outputTokens;
        final Counter cachedTokens;
        final Counter cacheWriteTokens;
        final Counter reasoningTokens;
        final Counter costUsd;
        private Counter unpriced;

        RouteMeters(MeterRegistry registry, RouteKey key) {
            this.registry = registry;
            this.key = key;
            duration = Timer.builder("meridian_request_duration")
                    .description("Whole request duration, streams included")
                    .tags("operation", key.operation, "model", key.model, "provider", key.provider)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry);
            overhead = Timer.builder("meridian_gateway_overhead")
                    .description("Time spent inside the gateway, excluding the provider")
                    .tags("operation", key.operation, "model", key.model, "provider", key.provider)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(10_000))
                    .maximumExpectedValue(Duration.ofSeconds(1))
                    .register(registry);
            timeToFirstToken = Timer.builder("meridian_time_to_first_token")
                    .description("Stream start to first content written to the caller")
                    .tags("model", key.model, "provider", key.provider)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry);
            inputTokens = tokens("input");
            outputTokens = tokens("output");
            cachedTokens = tokens("cached_input");
            cacheWriteTokens = tokens("cache_write");
            reasoningTokens = tokens("reasoning");
            costUsd = Counter.builder("meridian_cost_usd")
                    .description("What requests cost at their deployments' prices, in US dollars")
                    .tags("model", key.model, "provider", key.provider)
                    .register(registry);
        }

        /** Registered at the first unpriced request, so that the series exists only when something is unpriced. */
        Counter unpriced() {
            if (unpriced == null) {
                unpriced = Counter.builder("meridian_unpriced_requests")
                        .description("Requests served by a deployment without a price, counted at $0")
                        .tags("model", key.model, "provider", key.provider)
                        .register(registry);
            }
            return unpriced;
        }

        private Counter tokens(String type) {
            return Counter.builder("meridian_tokens")
                    .description("Tokens consumed, by type")
                    .tags("model", key.model, "provider", key.provider, "type", type)
                    .register(registry);
        }

        Counter requests(int status) {
            return byStatus.computeIfAbsent(
                    status,
                    s -> Counter.builder("meridian_requests")
                            .description("Requests answered")
                            .tags(
                                    "operation",
                                    key.operation,
                                    "model",
                                    key.model,
                                    "provider",
                                    key.provider,
                                    "status",
                                    Integer.toString(s))
                            .register(registry));
        }
    }
}
