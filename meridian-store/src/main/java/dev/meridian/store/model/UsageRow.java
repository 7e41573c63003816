package dev.meridian.store.model;

import java.util.Map;

/**
 * One group of a usage report.
 *
 * @param groups            the group's value per dimension, in the report's order (null where the requests had none)
 * @param costUsd           the sum of the requests' costs; an unpriced request counts $0
 * @param unpricedRequests  requests with usage but no price, counted at $0
 * @param cacheWriteTokens  input tokens written to providers' prompt caches
 * @param promptCacheSavedUsd what reads from providers' prompt caches saved against the plain input price
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
        long cacheWriteTokens,
        double promptCacheSavedUsd) {

    /** A row without prompt-cache writes or savings. */
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
