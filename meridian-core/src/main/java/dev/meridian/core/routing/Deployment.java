package dev.meridian.core.routing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One deployment of a model group and what the gateway has learnt about it: requests in flight, recent time
 * to first token, requests and tokens in the last minute, its circuit breaker, its provider's health, and
 * until when the provider asked it to back off (429 Retry-After). Shared by every event loop; thread-safe.
 *
 * @param <T> how the server reaches it (provider and upstream model), opaque here
 */
public final class Deployment<T> {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final String id;
    private final T target;
    private final String provider;
    private final String region;
    private final String country;
    private final int weight;
    private final ModelPrice price;
    private final long rpm;
    private final long tpm;
    private final int maxInFlight;
    private final List<String> tags;
    private final CircuitBreaker breaker;
    private final ProviderHealth health;
    private final LatencyTracker timeToFirstToken;
    private final AtomicInteger inFlight;
    private final SlidingCounter requestsLastMinute;
    private final SlidingCounter tokensLastMinute;
    private final AtomicLong backOffUntil;

    public Deployment(
            String id,
            T target,
            String provider,
            String region,
            String country,
            int weight,
            ModelPrice price,
            long rpm,
            long tpm,
            int maxInFlight,
            List<String> tags,
            BreakerPolicy breaker,
            ProviderHealth health) {
        this(id, target, provider, region, country, weight, price, rpm, tpm, maxInFlight, tags, health, null, breaker);
    }

    /**
     * This deployment's settings with {@code previous}'s live state (a configuration reload that kept the
     * deployment): breaker, time to first token, requests in flight, last minute's counts and back-off are shared,
     * so requests still running on {@code previous} are counted here and what was learnt about it is kept.
     */
    public Deployment<T> continuing(Deployment<?> previous) {
        return new Deployment<>(
                id,
                target,
                provider,
                region,
                country,
                weight,
                price,
                rpm,
                tpm,
                maxInFlight,
                tags,
                health,
                requireNonNull(previous, "previous"),
                null);
    }

    private Deployment(
            String id,
            T target,
            String provider,
            String region,
            String country,
            int weight,
            ModelPrice price,
            long rpm,
            long tpm,
            int maxInFlight,
            List<String> tags,
            ProviderHealth health,
            Deployment<?> previous,
            BreakerPolicy breaker) {
        this.id = requireNonNull(id, "id");
        this.target = requireNonNull(target, "target");
        this.provider = requireNonNull(provider, "provider");
        this.region = region;
        this.country = country;
        this.weight = weight;
        this.price = price;
        this.rpm = rpm;
        this.tpm = tpm;
        this.maxInFlight = maxInFlight;
        this.tags = List.copyOf(tags);
        this.health = requireNonNull(health, "health");
        if (previous == null) {
            this.breaker = new CircuitBreaker(breaker);
            this.timeToFirstToken = new LatencyTracker();
            this.inFlight = new AtomicInteger();
            this.requestsLastMinute = new SlidingCounter(MINUTE);
            this.tokensLastMinute = new SlidingCounter(MINUTE);
            this.backOffUntil = new AtomicLong(Long.MIN_VALUE);
        } else {
            this.breaker = previous.breaker;
            this.timeToFirstToken = previous.timeToFirstToken;
            this.inFlight = previous.inFlight;
            this.requestsLastMinute = previous.requestsLastMinute;
            this.tokensLastMinute = previous.tokensLastMinute;
            this.backOffUntil = previous.backOffUntil;
        }
    }

    public String id() {
        return id;
    }

    public T target() {
        return target;
    }

    public String provider() {
        return provider;
    }

    public String region() {
        return region;
    }

    public String country() {
        return country;
    }

    public int weight() {
        return weight;
    }

    /** USD per million tokens, or null when not configured. */
    public ModelPrice price() {
        return price;
    }

    public List<String> tags() {
        return tags;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public ProviderHealth health() {
        return health;
    }

    public LatencyTracker timeToFirstToken() {
        return timeToFirstToken;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Whether it should get traffic now: healthy, circuit not refusing, not asked to back off, below its
     * in-flight, RPM and TPM limits.
     */
    public boolean available(long now) {
        return health.healthy() && breaker.allowsTraffic(now) && backOffRemaining(now) == 0 && hasCapacity(now);
    }

    /** Whether it is below its in-flight, RPM and TPM limits. */
    public boolean hasCapacity(long now) {
        return (maxInFlight <= 0 || inFlight.get() < maxInFlight)
                && (rpm <= 0 || requestsLastMinute.sum(now) < rpm)
                && (tpm <= 0 || tokensLastMinute.sum(now) < tpm);
    }

    /** How much of its RPM/TPM capacity the last minute used (0 when no limit is configured), the larger of the two. */
    public double utilization(long now) {
        double r = rpm <= 0 ? 0 : (double) requestsLastMinute.sum(now) / rpm;
        double t = tpm <= 0 ? 0 : (double) tokensLastMinute.sum(now) / tpm;
        return Math.max(r, t);
    }

    /** A request starts on this deployment. Pair with {@link #finished}. */
    public void started(long now) {
        inFlight.incrementAndGet();
        requestsLastMinute.add(now, 1);
    }

    /** A request on this deployment is over (answered, failed or cancelled); {@code tokens} it consumed. */
    public void finished(long now, long tokens) {
        inFlight.decrementAndGet();
        if (tokens > 0) {
            tokensLastMinute.add(now, tokens);
        }
    }

    /** The provider asked for no requests for {@code millis} (429 with Retry-After). */
    public void backOff(long now, long millis) {
        long until = now + millis * 1_000_000L;
        backOffUntil.accumulateAndGet(until, (a, b) -> a == Long.MIN_VALUE || b - a > 0 ? b : a);
    }

    /** Nanoseconds until it may be used again after a back-off, 0 if it may now. */
    public long backOffRemaining(long now) {
        long until = backOffUntil.get();
        return until == Long.MIN_VALUE ? 0 : Math.max(0, until - now);
    }
}
