package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One request through the gateway, as written to the request log. The request id makes it idempotent: writing the
 * same id twice keeps the first.
 *
 * @param tenantId null when the request never authenticated
 * @param upstreamMs time spent waiting for providers, or null when no provider was called
 * @param ttftMs time to first token of a stream, or null when not streamed
 * @param costUsd null when the price of the served model is unknown
 * @param prompt the request body, kept only for tenants that store bodies; null otherwise
 * @param completion the response body, under the same rule as {@code prompt}
 * @param cacheStatus    what the response cache did (hit, miss, bypass, refresh, stored); null when the model group
 *                       is not cached
 * @param cacheSavedUsd  for a hit, what the answer cost when it was produced upstream: what the hit saved
 * @param usageEstimated whether the gateway counted the usage itself (a stream cut before the provider reported
 *     it): tokens and cost are then estimates
 */
public record RequestRecord(
        String requestId,
        Instant ts,
        String tenantId,
        String keyId,
        String userId,
        String modelAsked,
        String modelServed,
        String deployment,
        String provider,
        String region,
        int status,
        String errorCode,
        double totalMs,
        Double upstreamMs,
        Double ttftMs,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long reasoningTokens,
        Double costUsd,
        boolean cacheHit,
        int attempts,
        int fallbacks,
        String prompt,
        String completion,
        boolean usageEstimated,
        String cacheStatus,
        Double cacheSavedUsd) {

    /** A record of a request the response cache had no part in. */
    public RequestRecord(
            String requestId,
            Instant ts,
            String tenantId,
            String keyId,
            String userId,
            String modelAsked,
            String modelServed,
            String deployment,
            String provider,
            String region,
            int status,
            String errorCode,
            double totalMs,
            Double upstreamMs,
            Double ttftMs,
            long inputTokens,
            long outputTokens,
            long cachedTokens,
            long reasoningTokens,
            Double costUsd,
            boolean cacheHit,
            int attempts,
            int fallbacks,
            String prompt,
            String completion,
            boolean usageEstimated) {
        this(
                requestId,
                ts,
                tenantId,
                keyId,
                userId,
                modelAsked,
                modelServed,
                deployment,
                provider,
                region,
                status,
                errorCode,
                totalMs,
                upstreamMs,
                ttftMs,
                inputTokens,
                outputTokens,
                cachedTokens,
                reasoningTokens,
                costUsd,
                cacheHit,
                attempts,
                fallbacks,
                prompt,
                completion,
                usageEstimated,
                null,
                null);
    }

    public RequestRecord {
        requireNonNull(requestId, "requestId");
        requireNonNull(ts, "ts");
    }

    /** This record without its bodies, as log listings return it. */
    public RequestRecord withoutBodies() {
        return withBodies(null, null);
    }

    /** This record with {@code prompt} and {@code completion} as its bodies. */
    public RequestRecord withBodies(String prompt, String completion) {
        return new RequestRecord(
                requestId,
                ts,
                tenantId,
                keyId,
                userId,
                modelAsked,
                modelServed,
                deployment,
                provider,
                region,
                status,
                errorCode,
                totalMs,
                upstreamMs,
                ttftMs,
                inputTokens,
                outputTokens,
                cachedTokens,
                reasoningTokens,
                costUsd,
                cacheHit,
                attempts,
                fallbacks,
                prompt,
                completion,
                usageEstimated,
                cacheStatus,
                cacheSavedUsd);
    }
}
