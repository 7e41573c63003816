package dev.meridian.bench.jmh;

import dev.meridian.core.sse.SseParser;
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
 * {@link SseParser} on a recorded OpenAI and Anthropic stream, fed whole or in 32-byte pieces (the incremental
 * path: lines split across chunks). A new parser per stream, as the gateway does. Reports streams/s, bytes/s
 * and events/s; {@code parse} drops raw bytes (translation), {@code parseKeepingRaw} keeps them (pass-through).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class SseParserBenchmark {

    @Param({"openai-tools", "anthropic-tools"})
    public String transcript;

    /** 0: the whole stream in one chunk. */
    @Param({"0", "32"})
    public int chunkSize;

    private byte[][] chunks;
    private int length;

    @Setup
    public void setUp() {
        byte[] stream = Transcript.bytes(transcript);
        chunks = Fixtures.chunks(stream, chunkSize);
        length = stream.length;
    }

    @Benchmark
    public boolean parse(Blackhole bh, ByteCounter counter) {
        return run(new SseParser(false), bh, counter);
    }

    @Benchmark
    public boolean parseKeepingRaw(Blackhole bh, ByteCounter counter) {
        return run(new SseParser(true), bh, counter);
    }

    private boolean run(SseParser parser, Blackhole bh, ByteCounter counter) {
        for (byte[] chunk : chunks) {
            parser.feed(chunk, event -> {
                counter.events++;
                bh.consume(event);
            });
        }
        counter.bytes += length;
        return parser.finish();
    }
}
