package dev.meridian.server.suggest;

import java.util.List;

/**
 * One way a tenant could have spent less, with its estimated saving over a 30-day month. Savings of different
 * suggestions may count the same requests (a small repeated task on a dear deployment is in all three), so they
 * do not add up.
 */
public sealed interface Suggestion {

    /** The model (group) the requests asked for. */
    String model();

    double monthlySavingUsd();

    /**
     * Small tasks of {@code model} served by a cheaper group of the same maker.
     *
     * @param suggestedModel the group suggested: the configuration's {@code degradeTo} when it qualifies, else the
     *                       dearest qualifying group (the nearest tier down)
     * @param alternatives   every qualifying group, cheapest first
     * @param smallCostUsd   what the small requests cost in the window, as logged
     * @param suggestedCostUsd what they would have cost at the suggested group's cheapest available deployment
     */
    record CheaperTier(
            String model,
            String suggestedModel,
            List<String> alternatives,
            long requests,
            long smallRequests,
            double smallCostUsd,
            double suggestedCostUsd,
            double monthlySavingUsd)
            implements Suggestion {}

    /**
     * Requests of {@code model} that repeated an earlier prompt in the window: a response cache's potential.
     *
     * @param repeatCostUsd what the repeats (every request after the first of its prompt) cost in the window
     */
    record CachePotential(
            String model,
            long requests,
            long repeatedRequests,
            long repeatedPrompts,
            double repeatCostUsd,
            double monthlySavingUsd)
            implements Suggestion {}

    /**
     * Traffic of {@code model} served by dearer deployments than its cheapest available one.
     *
     * @param requestsElsewhere the requests another deployment served
     * @param elsewhereCostUsd  what those cost in the window, as logged
     * @param cheapestCostUsd   what they would have cost on {@code suggestedDeployment}
     */
    record CheaperRoute(
            String model,
            String suggestedDeployment,
            long requests,
            long requestsElsewhere,
            double elsewhereCostUsd,
            double cheapestCostUsd,
            double monthlySavingUsd)
            implements Suggestion {}
}
