package dev.meridian.core.protocol.anthropic;

import java.util.List;
import java.util.Locale;

/**
 * The shortest prompt prefix, in tokens, that each Claude model caches; a {@code cache_control} breakpoint on a
 * shorter prefix is ignored by Anthropic (no error, no cache write). Figures from
 * https://platform.claude.com/docs/en/build-with-claude/prompt-caching ("Cache limitations"), checked on
 * 2026-12-04 (docs/research/prompt-caching-2026-12-04.md). Matched by the first prefix of the model name that
 * fits, so dated snapshots ({@code claude-sonnet-4-5-20250929}) and aliases both match.
 */
public final class AnthropicCacheMinimums {

    /** For a model the table does not know: the lowest minimum, since a breakpoint below it costs nothing. */
    public static final int DEFAULT = 1024;

    private record Entry(String prefix, int tokens) {}

    // More specific prefixes first: "claude-opus-4-5" before "claude-opus-4".
    private static final List<Entry> TABLE = List.of(
            new Entry("claude-opus-4-6", 4096),
            new Entry("claude-opus-4-5", 4096),
            new Entry("claude-haiku-4-5", 4096),
            new Entry("claude-sonnet-4-6", 2048),
            new Entry("claude-3-5-haiku", 2048),
            new Entry("claude-3-haiku", 2048),
            new Entry("claude-sonnet-4-5", 1024),
            new Entry("claude-opus-4-1", 1024),
            new Entry("claude-opus-4", 1024),
            new Entry("claude-sonnet-4", 1024),
            new Entry("claude-3-7-sonnet", 1024));

    private AnthropicCacheMinimums() {}

    /** The minimum cacheable prefix of {@code model} in tokens; {@link #DEFAULT} for an unknown model. */
    public static int tokens(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        for (Entry e : TABLE) {
            if (m.startsWith(e.prefix())) {
                return e.tokens();
            }
        }
        return DEFAULT;
    }
}
