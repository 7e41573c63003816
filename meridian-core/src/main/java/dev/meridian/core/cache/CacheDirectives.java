package dev.meridian.core.cache;

import dev.meridian.core.error.GatewayException;
import java.util.Locale;

/**
 * What a caller asked of the response cache, from its request headers. {@code x-meridian-cache} and
 * {@code Cache-Control} say the same things in two vocabularies and are honoured the same way:
 *
 * <ul>
 *   <li>{@code no-cache}: do not answer from the cache, and do not replace what it holds (answer: {@code bypass});
 *   <li>{@code no-store}: an answer may come from the cache, but a fresh one is not stored;
 *   <li>{@code refresh} (gateway header only): do not answer from the cache, store the fresh answer in its place;
 *   <li>{@code force} (gateway header only): cache even when the temperature is above the group's
 *       {@code maxTemperature};
 *   <li>{@code max-age=N} (Cache-Control) or {@code x-meridian-cache-ttl: N}: a cached answer older than N seconds
 *       is not served (with 0, no stored answer is), and a stored one lives at most N seconds (never longer than
 *       the group's TTL).
 * </ul>
 *
 * Anything else is refused with a 400 naming the header ({@code param}), rather than ignored: a caller who
 * believes it bypassed the cache and did not would get a stale answer without knowing. Immutable.
 *
 * @param read          whether a cached answer may be served
 * @param store         whether a fresh answer may be stored
 * @param refresh       whether the caller asked for the stored answer to be replaced
 * @param force         whether the temperature limit is lifted
 * @param maxAgeSeconds the caller's age limit, or -1 for none
 */
public record CacheDirectives(boolean read, boolean store, boolean refresh, boolean force, long maxAgeSeconds) {

    public static final String HEADER = "x-meridian-cache";
    public static final String TTL_HEADER = "x-meridian-cache-ttl";
    public static final String CACHE_CONTROL = "cache-control";

    /** No header: read and store as the policy says. */
    public static final CacheDirectives DEFAULT = new CacheDirectives(true, true, false, false, -1);

    /**
     * Reads the three headers (each null when absent; several values of one header joined by commas).
     *
     * @throws GatewayException {@code INVALID_REQUEST} with the header's name as {@code param}, for a value it does
     *                          not know
     */
    public static CacheDirectives parse(String gateway, String cacheControl, String ttl) {
        if (gateway == null && cacheControl == null && ttl == null) {
            return DEFAULT;
        }
        boolean[] flags = {true, true, false, false}; // read, store, refresh, force
        long maxAge = -1;
        if (gateway != null) {
            for (String token : tokens(gateway)) {
                switch (token) {
                    case "no-cache" -> noCache(flags);
                    case "no-store" -> flags[1] = false;
                    case "refresh" -> {
                        flags[0] = false;
                        flags[2] = true;
                    }
                    case "force" -> flags[3] = true;
                    default -> throw invalid(HEADER, token, "no-cache, no-store, refresh or force");
                }
            }
        }
        if (cacheControl != null) {
            for (String token : tokens(cacheControl)) {
                if (token.equals("no-cache")) {
                    noCache(flags);
                } else if (token.equals("no-store")) {
                    flags[1] = false;
                } else if (token.startsWith("max-age=")) {
                    maxAge = min(maxAge, seconds(CACHE_CONTROL, token.substring("max-age=".length())));
                } else {
                    throw invalid(CACHE_CONTROL, token, "no-cache, no-store or max-age=N");
                }
            }
        }
        if (ttl != null) {
            maxAge = min(maxAge, seconds(TTL_HEADER, ttl.trim()));
        }
        return new CacheDirectives(flags[0], flags[1], flags[2], flags[3], maxAge);
    }

    /** The TTL to store with: the policy's, lowered (never raised) by the caller's limit. */
    public long ttlSeconds(long policySeconds) {
        return maxAgeSeconds < 0 ? policySeconds : Math.min(policySeconds, maxAgeSeconds);
    }

    private static void noCache(boolean[] flags) {
        flags[0] = false;
        flags[1] = false;
    }

    private static String[] tokens(String value) {
        String[] parts = value.toLowerCase(Locale.ROOT).split(",");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    private static long min(long current, long value) {
        return current < 0 ? value : Math.min(current, value);
    }

    private static long seconds(String header, String value) {
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(header, value, "a whole number of seconds");
        }
        return Long.parseLong(value);
    }

    private static GatewayException invalid(String header, String value, String expected) {
        return GatewayException.invalid(
                header, "Header '" + header + "' has the value '" + value + "'; expected " + expected + ".");
    }
}
