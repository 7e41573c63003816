package dev.meridian.simulator.anthropic;

import dev.meridian.simulator.engine.Hashing;

/**
 * The prompt as Anthropic caches it: tools, then system, then messages, block by block. Tracks the
 * total tokens and the prefix that ends at the last block marked with {@code cache_control}.
 */
final class PromptSegments {

    private final StringBuilder text = new StringBuilder();
    private int tokens;
    private int prefixTokens;
    private int prefixLength;

    /** Adds one block: its tokens, its canonical text (for the cache key) and whether it is marked. */
    void add(int blockTokens, String canonicalText, boolean cacheMarker) {
        tokens += blockTokens;
        text.append(canonicalText).append('\u0000');
        if (cacheMarker) {
            prefixTokens = tokens;
            prefixLength = text.length();
        }
    }

    int tokens() {
        return tokens;
    }

    int prefixTokens() {
        return prefixTokens;
    }

    long prefixKey(String model) {
        return Hashing.fnv1a64(model + '\u0000' + text.substring(0, prefixLength));
    }
}
