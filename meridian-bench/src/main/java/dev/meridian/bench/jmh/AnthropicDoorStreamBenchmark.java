package dev.meridian.bench.jmh;

import dev.meridian.core.protocol.anthropic.AnthropicPassThroughStream;
import dev.meridian.core.protocol.anthropic.AnthropicStreamEncoder;
import dev.meridian.core.protocol.openai.OpenAiPassThroughStream;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.openai.OpenAiAdapter;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.TranslatedStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Messages door's stream relays against the chat door's (issue 13, item 6: a pass-through Anthropic stream may
 * cost at most 20 µs of CPU per event more than a chat pass-through stream). Each benchmark relays one whole
 * recorded stream, in 32-byte chunks as a network delivers it, and reports the time per stream; docs/benchmarks.md
 * divides by the stream's events: {@code passThroughAnthropic} ({@link AnthropicPassThroughStream}, Anthropic's
 * text + tool_use stream from its streaming docs, 30 events) against {@code passThroughChat}
 * ({@link OpenAiPassThroughStream}, OpenAI's split tool-call stream, 10 events), and {@code translateOpenAiToAnthropic}
 * (the door's translation of the same OpenAI stream into Anthropic's events) for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class AnthropicDoorStreamBenchmark {

    private static final int CHUNK = 32;

    private final OpenAiAdapter openAiAdapter = new OpenAiAdapter(ProviderSettings.of("openai", "sk-bench"));
    private byte[][] anthropic;
    private byte[][] openAi;

    @Setup
    public void setUp() {
        anthropic = Fixtures.chunks(Transcript.bytes("anthropic-tools"), CHUNK);
        openAi = Fixtures.chunks(Transcript.bytes("openai-tools"), CHUNK);
    }

    @Benchmark
    public Object passThroughAnthropic(Blackhole bh) {
        return relay(new AnthropicPassThroughStream("anthropic"), anthropic, bh);
    }

    @Benchmark
    public Object passThroughChat(Blackhole bh) {
        return relay(new OpenAiPassThroughStream("openai", false), openAi, bh);
    }

    @Benchmark
    public Object translateOpenAiToAnthropic(Blackhole bh) {
        return relay(
                new TranslatedStream(openAiAdapter.newStreamDecoder(), List.of(), new AnthropicStreamEncoder()),
                openAi,
                bh);
    }

    private static Object relay(StreamTranslator translator, byte[][] chunks, Blackhole bh) {
        for (byte[] chunk : chunks) {
            translator.onBytes(chunk, bh::consume);
        }
        translator.onEnd(bh::consume);
        return translator.usage();
    }
}
