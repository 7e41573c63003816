package dev.meridian.bench.jmh;

import dev.meridian.core.protocol.openai.OpenAiAnswerScan;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.util.ArrayList;
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

/**
 * {@link OpenAiAnswerScan#scan}, run on every pass-through answer: on one content chunk of a stream (the
 * per-event cost) and on a whole non-streamed chat completion, both recorded from OpenAI.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class AnswerScanBenchmark {

    private byte[] chunk;
    private byte[] response;

    @Setup
    public void setUp() {
        List<SseEvent> events = new ArrayList<>();
        new SseParser(false)
                .feed(Fixtures.bytes("golden/openai/stream-text-include-usage/upstream-stream.txt"), events::add);
        chunk = events.get(1).data(); // {"id":...,"choices":[{"index":0,"delta":{"content":"Hello"},...}],"usage":null}
        response = Fixtures.bytes("golden/openai/response-text/upstream-response.json");
    }

    @Benchmark
    public OpenAiAnswerScan.Answer streamChunk() {
        return OpenAiAnswerScan.scan("openai", "stream event", chunk);
    }

    @Benchmark
    public OpenAiAnswerScan.Answer response() {
        return OpenAiAnswerScan.scan("openai", "response", response);
    }
}
