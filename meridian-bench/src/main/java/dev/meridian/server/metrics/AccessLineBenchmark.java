package dev.meridian.server.metrics;

import dev.meridian.core.model.Usage;
import dev.meridian.core.routing.RoutingTrace;
import dev.meridian.core.routing.RoutingTrace.Step;
import dev.meridian.server.logging.EncodedLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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
 * What one access-log line's JSON costs, for a typical answered chat completion of a tenant's key: encoded into an
 * array of its own (what the event loop does) and written into a reused buffer. In the package of the line, which is
 * not public.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class AccessLineBenchmark {

    private static final AccessLogLine LINE = new AccessLogLine(
            Instant.parse("2026-12-06T03:15:30.123456Z"),
            "req_0193a1b2c3d4e5f6a7b8c9d0e1f2a3b4",
            "POST",
            "/v1/chat/completions",
            200,
            "chat_completions",
            "bench-key",
            "ten_01JEXAMPLE0000000000000001",
            "key_01JEXAMPLE0000000000000002",
            "bench-gpt",
            "sim-openai",
            "gpt-4o-mini",
            "gpt-4o-mini-2024-07-18",
            null,
            "bench-gpt",
            "sim-openai",
            new RoutingTrace(
                    "bench-gpt",
                    "sim-openai",
                    1,
                    0,
                    List.of(new Step(Step.Kind.ANSWERED, "sim-openai", 200)),
                    null,
                    false),
            false,
            true,
            1_234_567,
            -1,
            987_654,
            new Usage(231, 64, 0, 0, 0),
            false,
            null,
            null,
            "127.0.0.1",
            "OpenAI/Python 1.54.0");

    /** The writer's buffer stand-in, emptied before each line. */
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

    /** On the event loop: the line encoded into an array of its own, as the access log hands it to its writer. */
    @Benchmark
    public EncodedLine encoded() {
        return LINE.encoded();
    }

    @Benchmark
    public int writeLine() throws IOException {
        buffer.reset();
        LINE.writeLine(buffer);
        return buffer.size();
    }
}
