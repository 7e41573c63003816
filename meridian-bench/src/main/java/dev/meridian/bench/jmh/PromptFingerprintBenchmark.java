package dev.meridian.bench.jmh;

import dev.meridian.server.journal.PromptFingerprint;
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

/**
 * What the request record's prompt fingerprint (XXH3, 64 bits, of the body) costs on the event loop, per
 * request: on a typical 1 KB agent turn, a 20 KB and a 100 KB conversation, compact JSON as SDKs send it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class PromptFingerprintBenchmark {

    @Param({"1k", "20k", "100k"})
    public String size;

    private byte[] body;

    @Setup
    public void setUp() {
        body = switch (size) {
            case "1k" -> Fixtures.compactJson(Fixtures.TOOL_CONVERSATION);
            case "20k" -> Fixtures.longConversation(20_000);
            default -> Fixtures.longConversation(100_000);
        };
    }

    @Benchmark
    public Long fingerprint() {
        return PromptFingerprint.of(body);
    }
}
