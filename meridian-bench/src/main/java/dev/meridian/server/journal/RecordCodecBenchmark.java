package dev.meridian.server.journal;

import dev.meridian.store.model.RequestRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a request record costs in the journal's codec: encoding on the event loop as a request ends, decoding on the
 * request-log writer's thread. The record is a typical answered chat completion of a tenant's key, without bodies.
 * In the package of the codec, which is not public.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class RecordCodecBenchmark {

    private static final RequestRecord RECORD = new RequestRecord(
                    "req_0193a1b2c3d4e5f6a7b8c9d0e1f2a3b4",
                    Instant.parse("2026-12-06T03:15:30.123456Z"),
                    "ten_01JEXAMPLE0000000000000001",
                    "key_01JEXAMPLE0000000000000002",
                    null,
                    "bench-gpt",
                    "gpt-4o-mini-2024-07-18",
                    "sim-openai",
                    "sim-openai",
                    null,
                    200,
                    null,
                    1.234,
                    0.987,
                    null,
                    231,
                    64,
                    0,
                    0,
                    0.0000730500,
                    false,
                    1,
                    0,
                    null,
                    null,
                    false)
            .withPromptFingerprint(-8_070_450_532_247_928_832L);

    private final byte[] encoded = RecordCodec.encode(RECORD);

    @Benchmark
    public byte[] encode() {
        return RecordCodec.encode(RECORD);
    }

    @Benchmark
    public RequestRecord decode() throws IOException {
        return RecordCodec.decode(encoded);
    }
}
