package dev.meridian.bench.jmh;

/** The recorded provider streams the benchmarks replay, by the short name used in {@code @Param}. */
enum Transcript {
    /** OpenAI text answer with the usage-only chunk (stream_options.include_usage): 5 events, 1.2 KB. */
    OPENAI_TEXT("openai-text", "golden/openai/stream-text-include-usage/upstream-stream.txt"),
    /** OpenAI tool call whose arguments arrive split over many chunks: 2.5 KB. */
    OPENAI_TOOLS("openai-tools", "golden/openai/stream-tool-call-split/upstream-stream.txt"),
    /** Anthropic text then tool_use with input_json_delta events, from Anthropic's streaming docs: 3.7 KB. */
    ANTHROPIC_TOOLS("anthropic-tools", "golden/anthropic/stream-tool-use/upstream-stream.txt");

    private final String key;
    private final String resource;

    Transcript(String key, String resource) {
        this.key = key;
        this.resource = resource;
    }

    static byte[] bytes(String key) {
        for (Transcript t : values()) {
            if (t.key.equals(key)) {
                return Fixtures.bytes(t.resource);
            }
        }
        throw new IllegalArgumentException("unknown transcript " + key);
    }
}
