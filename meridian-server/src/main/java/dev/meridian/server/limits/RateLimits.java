package dev.meridian.server.limits;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * What a caller's request and token rates look like after its last reservation, for OpenAI's
 * {@code x-ratelimit-*} headers: of the key's and the tenant's limits, the one with less left. A unit without any
 * limit has no headers.
 */
public record RateLimits(Verdict.RateState requests, Verdict.RateState tokens) {

    /** No rate limit applies. */
    public static final RateLimits NONE = new RateLimits(null, null);

    /** The tighter state per unit of {@code states}, keeping what {@code before} knew of a unit they lack. */
    public static RateLimits of(List<Verdict.RateState> states, RateLimits before) {
        Verdict.RateState requests = null;
        Verdict.RateState tokens = null;
        for (Verdict.RateState s : states) {
            if (Meters.countsRequests(s.meter())) {
                requests = tighter(requests, s);
            } else {
                tokens = tighter(tokens, s);
            }
        }
        if (before != null) {
            requests = requests == null ? before.requests : requests;
            tokens = tokens == null ? before.tokens : tokens;
        }
        return requests == null && tokens == null ? NONE : new RateLimits(requests, tokens);
    }

    private static Verdict.RateState tighter(Verdict.RateState a, Verdict.RateState b) {
        return a == null || b.remaining() < a.remaining() ? b : a;
    }

    /** Writes the headers OpenAI sends: limit, remaining and reset, for requests and for tokens. */
    public void headers(BiConsumer<String, String> out) {
        if (requests != null) {
            write(out, "requests", requests);
        }
        if (tokens != null) {
            write(out, "tokens", tokens);
        }
    }

    private static void write(BiConsumer<String, String> out, String unit, Verdict.RateState s) {
        out.accept("x-ratelimit-limit-" + unit, Long.toString(s.meter().limit()));
        out.accept("x-ratelimit-remaining-" + unit, Long.toString(s.remaining()));
        out.accept("x-ratelimit-reset-" + unit, duration(s.resetMillis()));
    }

    /** A duration as OpenAI writes it (Go's notation): {@code 20ms}, {@code 1s}, {@code 6m0s}, {@code 1h2m3s}. */
    public static String duration(long millis) {
        if (millis < 1_000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long ms = millis % 60_000;
        String seconds = ms % 1_000 == 0
                ? Long.toString(ms / 1_000)
                : String.format(Locale.ROOT, "%.3f", ms / 1_000.0).replaceAll("0+$", "");
        StringBuilder b = new StringBuilder();
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.append(seconds).append('s').toString();
    }
}
