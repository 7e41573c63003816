package dev.meridian.core.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps requests that share a prompt prefix on one deployment, so that the provider's prompt cache, which lives per
 * deployment (per organisation, per server), is hit. Weighted rendezvous hashing: each deployment scores
 * {@code -weight / ln(h)} for a hash {@code h} in (0, 1) of the prefix fingerprint and the deployment's id; the
 * highest score wins. The same prefix picks the same deployment while it is usable; when it is not (down, circuit
 * open, at capacity, already tried), the caller passes the usable ones only and the prefix moves to the next best,
 * and only the prefixes of a deployment that left move. Across prefixes the load follows the weights.
 */
public final class PrefixAffinity {

    private PrefixAffinity() {}

    /**
     * Moves the preferred deployment for {@code fingerprint} to the front of {@code usable} (a list the caller owns),
     * keeping the others in their order. Does nothing to a list of fewer than two.
     */
    public static <T> void preferFirst(List<Deployment<T>> usable, long fingerprint) {
        if (usable.size() < 2) {
            return;
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < usable.size(); i++) {
            Deployment<T> d = usable.get(i);
            if (d.weight() <= 0) {
                continue;
            }
            double score = -d.weight() / Math.log(unit(mix(fingerprint, d.id())));
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        if (best > 0) {
            usable.add(0, usable.remove(best));
        }
    }

    /** A 64-bit mix of the fingerprint and the id (FNV-1a over the id, then a SplitMix64 finaliser). */
    static long mix(long fingerprint, String id) {
        long h = 0xcbf29ce484222325L ^ fingerprint;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** The top 53 bits as a double in (0, 1). */
    private static double unit(long h) {
        return ((h >>> 11) + 0.5) / (double) (1L << 53);
    }
}
