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
 * @param usageEstimated whether the gateway counted the usage itself (a stream cut before the provider reported
 *     it): tokens and cost are then estimates
 * @param billedCostUsd what the request was billed after its tenant's volume discount; {@code costUsd} is its list
 *     cost. Null when {@code costUsd} is, and in rows written before discounts existed, where it reads as the list
 *     cost
 * @param promptFingerprint the 64-bit XXH3 hash of the request body, as a signed long: equal for byte-identical
 *     requests, so repeats can be counted without bodies; null when unknown (no body, or an older record)
 * @param cacheWriteTokens input tokens written to the provider's prompt cache (part of {@code inputTokens}, like
 *     {@code cachedTokens}, which were read from it)
 * @param promptCacheSavedUsd what the prompt-cache reads saved: the cached tokens at the input price minus at the
 *     cached price; null when the served model had no price
 * @param cacheStatus what the response cache did (hit, miss, bypass, refresh, stored); null when the model group is
 *     not cached
 * @param cacheSavedUsd for a hit, what the answer cost when it was produced upstream: what the hit saved
 * @param pii the PII detections of the request as compact JSON, class to action to count
 *     ({@code {"email":{"mask":2}}}); null when nothing was found, PII handling is off, or the record is older
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
        Double billedCostUsd,
        Long promptFingerprint,
        long cacheWriteTokens,
        Double promptCacheSavedUsd,
        String cacheStatus,
        Double cacheSavedUsd,
        String pii) {

    public RequestRecord {
        requireNonNull(requestId, "requestId");
        requireNonNull(ts, "ts");
    }

    /** A record without PII detections. */
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
            boolean usageEstimated,
            Double billedCostUsd,
            Long promptFingerprint,
            long cacheWriteTokens,
            Double promptCacheSavedUsd,
            String cacheStatus,
            Double cacheSavedUsd) {
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
                billedCostUsd,
                promptFingerprint,
                cacheWriteTokens,
                promptCacheSavedUsd,
                cacheStatus,
                cacheSavedUsd,
                null);
    }

    /**
     * A record without a discount (billed at its list cost), a prompt fingerprint, prompt-cache writes or savings,
     * and which the response cache had no part in.
     */
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
                costUsd,
                null,
                0,
                null,
                null,
                null);
    }

    /** This record billed at {@code billed} (its cost after a volume discount). */
    public RequestRecord withBilledCost(Double billed) {
        return copy(
                prompt,
                completion,
                billed,
                promptFingerprint,
                cacheWriteTokens,
                promptCacheSavedUsd,
                cacheStatus,
                cacheSavedUsd,
                pii);
    }

    /** This record with {@code fingerprint} as its prompt fingerprint (null: none). */
    public RequestRecord withPromptFingerprint(Long fingerprint) {
        return copy(
                prompt,
                completion,
                billedCostUsd,
                fingerprint,
                cacheWriteTokens,
                promptCacheSavedUsd,
                cacheStatus,
                cacheSavedUsd,
                pii);
    }

    /** This record with what the provider's prompt cache wrote and what its reads saved. */
    public RequestRecord withPromptCache(long writeTokens, Double savedUsd) {
        return copy(
                prompt,
                completion,
                billedCostUsd,
                promptFingerprint,
                writeTokens,
                savedUsd,
                cacheStatus,
                cacheSavedUsd,
                pii);
    }

    /** This record with what the response cache did ({@code cache}: hit, miss...) and what a hit saved. */
    public RequestRecord withResponseCache(String cache, Double savedUsd) {
        return copy(
                prompt,
                completion,
                billedCostUsd,
                promptFingerprint,
                cacheWriteTokens,
                promptCacheSavedUsd,
                cache,
                savedUsd,
                pii);
    }

    /** This record with {@code detections} (compact JSON, null: none) as its PII detections. */
    public RequestRecord withPii(String detections) {
        return copy(
                prompt,
                completion,
                billedCostUsd,
                promptFingerprint,
                cacheWriteTokens,
                promptCacheSavedUsd,
                cacheStatus,
                cacheSavedUsd,
                detections);
    }

    /** This record without its bodies, as log listings return it. */
    public RequestRecord withoutBodies() {
        return withBodies(null, null);
    }

    /** This record with {@code prompt} and {@code completion} as its bodies. */
    public RequestRecord withBodies(String prompt, String completion) {
        return copy(
                prompt,
                completion,
                billedCostUsd,
                promptFingerprint,
                cacheWriteTokens,
                promptCacheSavedUsd,
                cacheStatus,
                cacheSavedUsd,
                pii);
    }

    private RequestRecord copy(
            String prompt,
            String completion,
            Double billed,
            Long fingerprint,
            long writes,
            Double saved,
            String cache,
            Double cacheSaved,
            String detections) {
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
                billed,
                fingerprint,
                writes,
                saved,
                cache,
                cacheSaved,
                detections);
    }
}
