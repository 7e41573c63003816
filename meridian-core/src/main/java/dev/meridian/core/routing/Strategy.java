package dev.meridian.core.routing;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a model group orders its available deployments for one request, best first. The first is tried
 * first; retries go down the list. Ties are broken at random so equal deployments share the load.
 */
public enum Strategy {
    /** Random, in proportion to the configured weights. */
    WEIGHTED("weighted"),
    /** Fewest requests in flight. */
    LEAST_IN_FLIGHT("least-in-flight"),
    /** Lowest moving average of time to first token; deployments without samples yet are tried first. */
    LOWEST_LATENCY("lowest-latency"),
    /** Lowest price for the request's estimated tokens; deployments without a price last. */
    LOWEST_COST("lowest-cost"),
    /** Least used against its RPM/TPM capacity over the last minute. */
    CAPACITY("capacity"),
    /** Nearest to the caller's region first (see {@link RegionTable}), then fewest in flight. */
    REGION_AFFINITY("region-affinity");

    private final String wireName;

    Strategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Strategy> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String v = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Strategy strategy : values()) {
            if (strategy.wireName.equals(v)) {
                return Optional.of(strategy);
            }
        }
        return Optional.empty();
    }

    /** What a request tells the strategies about itself. */
    public record Hints(String callerLocation, RegionTable regions, long inputTokens, long outputTokens) {}

    /** Sorts {@code candidates} (a list the caller owns) best first. */
    public <T> void order(List<Deployment<T>> candidates, Hints hints, long now) {
        if (candidates.size() < 2) {
            return;
        }
        Collections.shuffle(candidates, ThreadLocalRandom.current());
        Comparator<Deployment<T>> leastBusy = Comparator.comparingInt(Deployment::inFlight);
        switch (this) {
            case WEIGHTED -> weightedShuffle(candidates);
            case LEAST_IN_FLIGHT -> candidates.sort(leastBusy);
            case LOWEST_LATENCY ->
                candidates.sort(Comparator.comparingDouble(d -> {
                    double ewma = d.timeToFirstToken().ewmaNanos();
                    return Double.isNaN(ewma) ? 0 : ewma;
                }));
            case LOWEST_COST ->
                candidates.sort(Comparator.<Deployment<T>>comparingDouble(d -> d.price() == null
                                ? Double.POSITIVE_INFINITY
                                : d.price().cost(hints.inputTokens(), 0, hints.outputTokens()))
                        .thenComparing(leastBusy));
            case CAPACITY ->
                candidates.sort(Comparator.<Deployment<T>>comparingDouble(d -> d.utilization(now))
                        .thenComparing(leastBusy));
            case REGION_AFFINITY ->
                candidates.sort(Comparator.<Deployment<T>>comparingInt(d -> hints.regions() == null
                                ? 0
                                : hints.regions().distance(hints.callerLocation(), d.region()))
                        .thenComparing(leastBusy));
        }
    }

    /** Weighted sampling without replacement: each position drawn in proportion to the remaining weights. */
    private static <T> void weightedShuffle(List<Deployment<T>> list) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < list.size() - 1; i++) {
            long total = 0;
            for (int j = i; j < list.size(); j++) {
                total += list.get(j).weight();
            }
            if (total <= 0) {
                return;
            }
            long r = random.nextLong(total);
            for (int j = i; j < list.size(); j++) {
                r -= list.get(j).weight();
                if (r < 0) {
                    Collections.swap(list, i, j);
                    break;
                }
            }
        }
    }
}
