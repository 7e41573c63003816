package dev.meridian.store.model;

import java.util.Map;

/**
 * One group of a usage report.
 *
 * @param groups            the group's value per dimension, in the report's order (null where the requests had none)
 * @param costUsd           the sum of the requests' list costs; an unpriced request counts $0
 * @param billedCostUsd     the sum of what the requests were billed after volume discounts (list cost for requests
 *                          logged before discounts existed)
 * @param unpricedRequests  requests with usage but no price, counted at $0
 * @param cacheWriteTokens  input tokens written to providers' prompt caches
 * @param promptCacheSavedUsd what reads from providers' prompt caches saved against the plain input price
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
        double billedCostUsd,
        long unpricedRequests,
        long cacheWriteTokens,
        double promptCacheSavedUsd,
        long cacheHits,
        double cacheSavedUsd) {}
