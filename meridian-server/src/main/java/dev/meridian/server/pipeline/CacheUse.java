package dev.meridian.server.pipeline;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.cache.CacheStatus;

/**
 * What the response cache did for one request, for its answer headers, the request log and the metrics. The status
 * may move once more, from a miss or refresh to {@link CacheStatus#STORED}, when the answer turned out worth storing
 * (a stream's only at its end, after the headers went out). Confined to the request's event loop.
 */
public final class CacheUse {

    private CacheStatus status;
    private final long ageSeconds;
    private final double savedUsd;
    private final double similarity;

    private CacheUse(CacheStatus status, long ageSeconds, double savedUsd, double similarity) {
        this.status = requireNonNull(status, "status");
        this.ageSeconds = ageSeconds;
        this.savedUsd = savedUsd;
        this.similarity = similarity;
    }

    /** A hit: its age, and what the answer cost when it was produced. */
    public static CacheUse hit(long ageSeconds, double savedUsd) {
        return new CacheUse(CacheStatus.HIT, ageSeconds, savedUsd, Double.NaN);
    }

    /** A semantic hit: the answer of a similar earlier prompt, and the two prompts' cosine similarity. */
    public static CacheUse semanticHit(long ageSeconds, double savedUsd, double similarity) {
        return new CacheUse(CacheStatus.HIT, ageSeconds, savedUsd, similarity);
    }

    /** Anything but a hit. */
    public static CacheUse of(CacheStatus status) {
        if (status == CacheStatus.HIT) {
            throw new IllegalArgumentException("a hit has an age and a saving: use hit(...)");
        }
        return new CacheUse(status, -1, 0, Double.NaN);
    }

    /** The answer was stored. */
    public void stored() {
        if (status == CacheStatus.HIT || status == CacheStatus.BYPASS) {
            throw new IllegalStateException("a " + status.header() + " is never stored");
        }
        status = CacheStatus.STORED;
    }

    public CacheStatus status() {
        return status;
    }

    public boolean hit() {
        return status == CacheStatus.HIT;
    }

    /** Seconds since a hit's answer was stored; -1 for anything else. */
    public long ageSeconds() {
        return ageSeconds;
    }

    /** Whether a hit answered a similar prompt rather than the same one. */
    public boolean semantic() {
        return !Double.isNaN(similarity);
    }

    /** A semantic hit's cosine similarity; NaN for anything else. */
    public double similarity() {
        return similarity;
    }

    /** What a hit saved (the stored answer's upstream cost), in US dollars; 0 for anything else. */
    public double savedUsd() {
        return savedUsd;
    }
}
