package dev.meridian.bench.jmh;

import dev.meridian.core.protocol.openai.OpenAiPassThrough;
import java.util.Map;
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
 * The pass-through request path: {@link OpenAiPassThrough#scanChat} (validate every field by OpenAI's reference and
 * locate model, stream, stream_options), the same scan without field validation as it was before
 * ({@code scanChatUnvalidated}), and {@link OpenAiPassThrough#rewrite} (splice the upstream model name and ask for stream
 * usage) on a typical 1 KB agent turn and a 20 KB long conversation, both compact JSON as SDKs send it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class PassThroughBenchmark {

    @Param({"1k", "20k"})
    public String size;

    private byte[] body;

    @Setup
    public void setUp() {
        body = size.equals("1k") ? Fixtures.compactJson(Fixtures.TOOL_CONVERSATION) : Fixtures.longConversation(20_000);
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        // A streamed request, so rewrite also inserts stream_options.include_usage, the common gateway case.
        body = ("{\"stream\":true," + text.substring(1)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Benchmark
    public OpenAiPassThrough.Scan scanChat() {
        return OpenAiPassThrough.scanChat(body);
    }

    /** The scan before field validation, in the same run: what validation adds is scanChat minus this. */
    @Benchmark
    public Object scanChatUnvalidated() {
        return UnvalidatedScan.scanChat(body);
    }

    @Benchmark
    public byte[] scanAndRewrite() {
        OpenAiPassThrough.Scan scan = OpenAiPassThrough.scanChat(body);
        return OpenAiPassThrough.rewrite(body, scan, "gpt-4o-2024-08-06", true, Map.of());
    }
}
