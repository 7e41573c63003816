package dev.meridian.store.model;

import java.util.Map;

/**
 * One group of a usage report.
 *
 * @param groups            the group's value per dimension, in the report's order (null where the requests had none)
 * @param costUsd           the sum of the requests' costs; an unpriced request counts $0
 * @param unpricedRequests  requests with usage but no price, counted at $0
 * @param cacheHits         requests answered by the response cache (their cost is $0, their tokens are not counted)
 * @param cacheSavedUsd     what those answers had cost upstream when they were produced: what the cache saved
 */
public record UsageRow(
        Map<UsageDimension, String> groups,
        long requests,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long reasoningTokens,
        double costUsd,
        long unpricedRequests,
        long cacheHits,
        double cacheSavedUsd) {

    /** A row without cache figures. */
    public UsageRow(
            Map<UsageDimension, String> groups,
            long requests,
            long inputTokens,
            long outputTokens,
            long cachedTokens,
            long reasoningTokens,
            double costUsd,
            long unpricedRequests) {
        this(
                groups,
                requests,
                inputTokens,
                outputTokens,
                cachedTokens,
                reasoningTokens,
                costUsd,
                unpricedRequests,
                0,
                0);
    }
}
