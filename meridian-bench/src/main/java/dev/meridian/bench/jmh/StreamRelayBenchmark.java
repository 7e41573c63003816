package dev.meridian.bench.jmh;

import dev.meridian.core.protocol.openai.OpenAiCompletionStreamEncoder;
import dev.meridian.core.protocol.openai.OpenAiPassThroughStream;
import dev.meridian.core.protocol.openai.OpenAiStreamEncoder;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.anthropic.AnthropicAdapter;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.TranslatedStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A whole recorded stream through the relay's translator, as {@code ReplyWriter} drives it (chunks in,
 * caller events out, then the end): {@link OpenAiPassThroughStream} on OpenAI's text stream with usage (the
 * usage chunk withheld, as for a caller who did not ask), and {@link TranslatedStream} with Anthropic's
 * stream decoder on Anthropic's text + tool_use stream, to a chat caller, to a legacy completions caller and to a
 * Responses API caller (its request read once, outside the measurement). Reports streams/s and upstream bytes/s.
 * {@code passThroughFixed} relays the load benchmark's fixed 64-token stream ({@code FixedUpstream.stream()}, what
 * Debian's nginx serves there): 67 chunks that share their first 170 bytes, as a real provider's do, where the
 * recorded transcript has four.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class StreamRelayBenchmark {

    /** 0: the whole stream in one chunk. */
    @Param({"0", "32"})
    public int chunkSize;

    private final AnthropicAdapter anthropic = new AnthropicAdapter(ProviderSettings.of("anthropic", "sk-ant-bench"));
    private byte[][] openAi;
    private int openAiLength;
    private byte[][] fixed;
    private int fixedLength;
    private byte[][] anthropicStream;
    private dev.meridian.core.inbound.InboundRequest responsesRequest;
    private int anthropicLength;

    @Setup
    public void setUp() {
        byte[] o = Transcript.bytes("openai-text");
        openAi = Fixtures.chunks(o, chunkSize);
        openAiLength = o.length;
        byte[] f = dev.meridian.bench.FixedUpstream.stream().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        fixed = Fixtures.chunks(f, chunkSize);
        fixedLength = f.length;
        byte[] a = Transcript.bytes("anthropic-tools");
        anthropicStream = Fixtures.chunks(a, chunkSize);
        anthropicLength = a.length;
        responsesRequest = dev.meridian.core.protocol.openai.responses.ResponsesProtocol.INSTANCE.read(
                "{\"model\":\"claude\",\"input\":\"Weather in Paris?\",\"stream\":true}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Benchmark
    public Object passThroughOpenAi(Blackhole bh, ByteCounter counter) {
        counter.bytes += openAiLength;
        return relay(new OpenAiPassThroughStream("openai", false), openAi, bh, counter);
    }

    @Benchmark
    public Object passThroughFixed(Blackhole bh, ByteCounter counter) {
        counter.bytes += fixedLength;
        return relay(new OpenAiPassThroughStream("openai", true), fixed, bh, counter);
    }

    @Benchmark
    public Object translateAnthropic(Blackhole bh, ByteCounter counter) {
        counter.bytes += anthropicLength;
        return relay(
                new TranslatedStream(anthropic.newStreamDecoder(), java.util.List.of(), new OpenAiStreamEncoder(false)),
                anthropicStream,
                bh,
                counter);
    }

    /** The same Anthropic stream to a legacy completions caller: only the caller's encoder differs. */
    @Benchmark
    public Object translateAnthropicToCompletions(Blackhole bh, ByteCounter counter) {
        counter.bytes += anthropicLength;
        return relay(
                new TranslatedStream(
                        anthropic.newStreamDecoder(), java.util.List.of(), new OpenAiCompletionStreamEncoder(false)),
                anthropicStream,
                bh,
                counter);
    }

    /** The same Anthropic stream to a Responses API caller: typed events, each with its sequence number. */
    @Benchmark
    public Object translateAnthropicToResponses(Blackhole bh, ByteCounter counter) {
        counter.bytes += anthropicLength;
        return relay(
                responsesRequest.streamTranslator(anthropic, "anthropic", false, java.util.List.of()),
                anthropicStream,
                bh,
                counter);
    }

    private static Object relay(StreamTranslator translator, byte[][] chunks, Blackhole bh, ByteCounter counter) {
        for (byte[] chunk : chunks) {
            translator.onBytes(chunk, out -> {
                counter.events++;
                bh.consume(out);
            });
        }
        translator.onEnd(bh::consume);
        return translator.usage();
    }
}
