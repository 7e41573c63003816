package dev.meridian.store.model;

/**
 * A tenant's answered requests for one model on one deployment, split by task size: what the suggestions report
 * prices again at other rates. Token sums are linear in the price, so pricing the sums is pricing each request.
 *
 * @param model      the model (group) the caller asked for
 * @param deployment the deployment that served the answer
 * @param small      whether these are the requests at or under the query's input and output token bounds
 * @param costUsd    what they cost as logged (retried attempts' spend included); unpriced requests count $0
 */
public record TrafficRow(
        String model,
        String deployment,
        boolean small,
        long requests,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long reasoningTokens,
        double costUsd) {}
