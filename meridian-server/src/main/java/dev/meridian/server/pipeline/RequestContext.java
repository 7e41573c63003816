package dev.meridian.server.pipeline;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.model.Operation;
import dev.meridian.core.model.Usage;
import dev.meridian.core.pii.PiiDetections;
import dev.meridian.core.relay.StreamFilter;
import dev.meridian.core.routing.RoutingTrace;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.limits.RateLimits;
import dev.meridian.server.routing.RoutePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What one request carries through the pipeline, in typed fields. Each is set once, by the stage that owns it
 * (a second set is a bug and throws), and read through accessors; nothing here knows a wire protocol. Confined
 * to the event loop that received the request; not thread-safe.
 */
public final class RequestContext {

    private final String requestId;
    private final InboundProtocol door;
    private final Caller caller;
    private final Timings timings;
    private final String clientRequestId;

    private Principal principal;
    private byte[] body;
    private InboundRequest inbound;
    private boolean residencyDecided;
    private String residencyRule;
    private RoutePlan plan;
    private Served served;
    private List<Reached> reached = List.of();
    private RoutingTrace trace;
    private Outcome outcome;
    private List<Runnable> completions;
    private List<StreamFilter> filters;
    private StreamFilter lastFilter;
    private PiiHandling pii;
    private PiiDetections piiDetections = PiiDetections.NONE;
    private double attemptSpendUsd;
    private RateLimits rateLimits;
    private double discountRate = Double.NaN;
    private CacheUse cache;
    private Object span;

    /**
     * @param clientRequestId the caller's own request id when it sent a usable one, else null
     */
    public RequestContext(
            String requestId, long startNanos, InboundProtocol door, Caller caller, String clientRequestId) {
        this.requestId = requireNonNull(requestId, "requestId");
        this.door = requireNonNull(door, "door");
        this.caller = requireNonNull(caller, "caller");
        this.timings = new Timings(startNanos);
        this.clientRequestId = clientRequestId;
    }

    /**
     * The deployment that served, and what its price, region and country (where it processes data, upper-case, or
     * null when not configured) were; set by the attempt loop.
     */
    public record Served(
            dev.meridian.server.routing.Route route,
            boolean passThrough,
            String group,
            String deployment,
            String region,
            String country,
            dev.meridian.core.routing.ModelPrice price) {

        /** What {@code usage} cost at this deployment's price; null when it has none (counted at $0) or no usage. */
        public Double cost(Usage usage) {
            return price == null || usage == null ? null : price.cost(usage);
        }
    }

    /**
     * How the request ended, set once by the writer.
     *
     * @param usageEstimated whether the gateway counted the usage (a stream cut before the provider reported it)
     */
    public record Outcome(
            int status,
            Usage usage,
            boolean usageEstimated,
            String servedModel,
            GatewayException error,
            String completion) {

        /** An outcome whose usage, if any, is the provider's own. */
        public Outcome(int status, Usage usage, String servedModel, GatewayException error, String completion) {
            this(status, usage, false, servedModel, error, completion);
        }
    }

    public String requestId() {
        return requestId;
    }

    public String clientRequestId() {
        return clientRequestId;
    }

    public long startNanos() {
        return timings.start();
    }

    public Timings timings() {
        return timings;
    }

    /** The front door the request came through: its protocol decides how errors and answers are written. */
    public InboundProtocol door() {
        return door;
    }

    public Operation operation() {
        return door.operation();
    }

    public Caller caller() {
        return caller;
    }

    public Principal principal() {
        return principal;
    }

    public void principal(Principal value) {
        principal = once(principal, requireNonNull(value, "principal"), "principal");
    }

    /** The caller's body, or null before it was read. */
    public byte[] body() {
        return body;
    }

    public void body(byte[] value) {
        body = once(body, requireNonNull(value, "body"), "body");
    }

    /** The request as its front door read it, or null before. */
    public InboundRequest inbound() {
        return inbound;
    }

    public void inbound(InboundRequest value) {
        inbound = once(inbound, requireNonNull(value, "inbound"), "inbound");
    }

    /** The public model name asked for, or null before the body was read. */
    public String model() {
        return inbound == null ? null : inbound.model();
    }

    public boolean stream() {
        return inbound != null && inbound.stream();
    }

    /** The data-residency rule in force, or null for none. */
    public String residencyRule() {
        return residencyRule;
    }

    public void residencyRule(String rule) {
        if (residencyDecided) {
            throw new IllegalStateException("residencyRule is already set");
        }
        residencyDecided = true;
        residencyRule = rule;
    }

    public RoutePlan plan() {
        return plan;
    }

    public void plan(RoutePlan value) {
        plan = once(plan, requireNonNull(value, "plan"), "plan");
    }

    /** The deployment whose answer the caller gets, or null. */
    public Served served() {
        return served;
    }

    public void served(Served value) {
        served = once(served, requireNonNull(value, "served"), "served");
    }

    /**
     * A deployment a call of this request was sent to, whether it answered, failed or lost a hedge: where the
     * request's data went, for residency evidence.
     */
    public record Reached(String deployment, String region, String country) {}

    /** Records that a call was sent to {@code r}; each deployment once. Event loop. */
    public void reached(Reached r) {
        if (reached.isEmpty()) {
            reached = new ArrayList<>(2);
        }
        if (!reached.contains(r)) {
            reached.add(r);
        }
    }

    /** Every deployment a call of this request was sent to, in order. */
    public List<Reached> reached() {
        return reached;
    }

    public RoutingTrace trace() {
        return trace;
    }

    public void trace(RoutingTrace value) {
        trace = once(trace, requireNonNull(value, "trace"), "trace");
    }

    /** The filters a stream to this caller goes through, in order, after the usage meter (empty: none). */
    public List<StreamFilter> streamFilters() {
        List<StreamFilter> added = filters == null ? List.of() : filters;
        if (lastFilter == null) {
            return added;
        }
        List<StreamFilter> all = new ArrayList<>(added.size() + 1);
        all.addAll(added);
        all.add(lastFilter);
        return all;
    }

    /**
     * Sets the filter that runs after every other one, whatever stage adds its own later: PII restoration, so
     * that the filters before it (cache assembly) see only masked text. Turns pass-through off like
     * {@link #addStreamFilter}.
     */
    public void lastStreamFilter(StreamFilter filter) {
        if (inbound == null) {
            throw new IllegalStateException("a stream filter needs the request read by its front door first");
        }
        inbound.canonicalOnly();
        lastFilter = once(lastFilter, requireNonNull(filter, "filter"), "lastStreamFilter");
    }

    /** What the PII policy did to this request: how to redact what is kept, how to restore a stored answer. */
    public PiiHandling pii() {
        return pii == null ? PiiHandling.NONE : pii;
    }

    public void pii(PiiHandling value) {
        pii = once(pii, requireNonNull(value, "pii"), "pii");
    }

    /** The PII classes found in this request, with the action taken and how many values; never the values. */
    public PiiDetections piiDetections() {
        return piiDetections;
    }

    public void piiDetections(PiiDetections value) {
        piiDetections = requireNonNull(value, "piiDetections");
    }

    /**
     * Adds a filter for this request's stream. Filters see canonical events, so this turns pass-through off for the
     * request ({@link InboundRequest#canonicalOnly()}, which decodes and validates it now).
     *
     * @throws IllegalStateException before the front door has read the request
     */
    public void addStreamFilter(StreamFilter filter) {
        if (inbound == null) {
            throw new IllegalStateException("a stream filter needs the request read by its front door first");
        }
        inbound.canonicalOnly();
        if (filters == null) {
            filters = new ArrayList<>(2);
        }
        filters.add(requireNonNull(filter, "filter"));
    }

    /**
     * Adds what an attempt that did not serve the caller cost (a retried cut answer, a hedged loser, a call the
     * caller left): real spend, which the request log and the cost metric count with the served answer's.
     */
    public void addAttemptSpend(double usd) {
        attemptSpendUsd += usd;
    }

    /** What the attempts that did not serve the caller cost, in US dollars (see {@link #addAttemptSpend}). */
    public double attemptSpendUsd() {
        return attemptSpendUsd;
    }

    /**
     * The caller's request and token rates after its last reservation, for the {@code x-ratelimit-*} headers; null
     * until the request's first call was reserved.
     */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    public void rateLimits(RateLimits value) {
        rateLimits = requireNonNull(value, "rateLimits");
    }

    /**
     * The share of the list cost taken off this request by its tenant's volume discount, decided once by the writer
     * before the answer's cost is shown (see {@code VolumeBilling}); 0 until then, and for callers without a tenant.
     */
    public double discountRate() {
        return Double.isNaN(discountRate) ? 0 : discountRate;
    }

    /** Whether {@link #discountRate(double)} was called. */
    public boolean discountDecided() {
        return !Double.isNaN(discountRate);
    }

    public void discountRate(double rate) {
        if (discountDecided()) {
            throw new IllegalStateException("discountRate is already set");
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("a discount rate is in [0, 1): " + rate);
        }
        discountRate = rate;
    }

    /** What {@code listCostUsd} of this request is billed after its discount; null stays null. */
    public Double billed(Double listCostUsd) {
        return listCostUsd == null ? null : listCostUsd * (1 - discountRate());
    }

    /** What the response cache did for this request, or null when its group is not cached. */
    public CacheUse cache() {
        return cache;
    }

    public void cache(CacheUse value) {
        cache = once(cache, requireNonNull(value, "cache"), "cache");
    }

    /**
     * The request's trace span, as the {@code tracing} package keeps it (opaque here, so the pipeline knows no
     * tracer); null when traces are off.
     */
    public Object span() {
        return span;
    }

    public void span(Object value) {
        span = once(span, requireNonNull(value, "span"), "span");
    }

    /** How the request ended, or null while it runs. */
    public Outcome outcome() {
        return outcome;
    }

    /** Records how the request ended and runs what waited for it; called once, by the writer. */
    public void finish(Outcome value, long now) {
        outcome = once(outcome, requireNonNull(value, "outcome"), "outcome");
        timings.end(now);
        if (completions != null) {
            List<Runnable> run = completions;
            completions = null;
            for (Runnable r : run) {
                r.run();
            }
        }
    }

    /** Runs {@code action} once the request is over (answered, failed or abandoned by the caller). */
    public void whenDone(Runnable action) {
        if (completions == null) {
            completions = new ArrayList<>(2);
        }
        completions.add(action);
    }

    private static <T> T once(T current, T value, String name) {
        if (current != null) {
            throw new IllegalStateException(name + " is already set");
        }
        return value;
    }
}
