package dev.meridian.core.cache;

import java.util.Locale;

/** What the response cache did for one request, as the {@code x-meridian-cache} answer header says it. */
public enum CacheStatus {
    /** Answered from the cache; nothing was sent upstream. */
    HIT,
    /** Looked up and not found (or too old); the fresh answer was not stored (yet, for a stream). */
    MISS,
    /** The cache was not used: the caller said no-cache, or the temperature was above the group's limit. */
    BYPASS,
    /** The caller asked for a fresh answer to replace the stored one. */
    REFRESH,
    /** Not found; the fresh answer was stored. */
    STORED;

    private final String header = name().toLowerCase(Locale.ROOT);

    /** The header's value. */
    public String header() {
        return header;
    }
}
