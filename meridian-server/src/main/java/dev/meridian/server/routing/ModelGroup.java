package dev.meridian.server.routing;

import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.FailureClass;
import dev.meridian.core.routing.SmartCandidates;
import dev.meridian.core.routing.Strategy;
import dev.meridian.server.config.ModelConfig;
import dev.meridian.server.config.RetryConfig;
import java.util.List;
import java.util.Map;

/**
 * A public model name and how its requests are routed: its deployments, the strategy that orders them, its
 * retry policy and fallback chains, hedging, degradation under load, and for a smart group its candidate
 * table. Immutable; the deployments carry the shared, thread-safe runtime state.
 *
 * @param fallbacks per failure class, the groups to try in order once this group cannot answer
 * @param candidates for a smart group, the task and tier table it selects from; null otherwise
 */
public record ModelGroup(
        String name,
        Strategy strategy,
        List<Deployment<Route>> deployments,
        RetryConfig retry,
        Map<FailureClass, List<String>> fallbacks,
        ModelConfig.HedgingConfig hedging,
        String degradeTo,
        double degradeAt,
        SmartCandidates candidates) {

    public ModelGroup {
        deployments = List.copyOf(deployments);
        fallbacks = Map.copyOf(fallbacks);
    }

    public boolean smart() {
        return candidates != null;
    }

    public List<String> fallbacks(FailureClass failure) {
        return fallbacks.getOrDefault(failure, List.of());
    }

    /** The lowest configured price of its deployments, or null when none has one. */
    public dev.meridian.core.routing.ModelPrice cheapestPrice(long inputTokens, long outputTokens) {
        dev.meridian.core.routing.ModelPrice best = null;
        for (Deployment<Route> d : deployments) {
            if (d.price() != null
                    && (best == null
                            || d.price().cost(inputTokens, 0, outputTokens)
                                    < best.cost(inputTokens, 0, outputTokens))) {
                best = d.price();
            }
        }
        return best;
    }
}
