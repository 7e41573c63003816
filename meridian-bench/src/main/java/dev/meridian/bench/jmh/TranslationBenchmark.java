package dev.meridian.bench.jmh;

import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.provider.anthropic.AnthropicAdapter;
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
 * The translated request path for an OpenAI caller of an Anthropic model: {@link OpenAiRequestDecoder#decodeChat}
 * into the canonical request, then {@link AnthropicAdapter#chatRequest} (parameter check, encode, serialise),
 * on the golden 1 KB tool conversation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class TranslationBenchmark {

    private final AnthropicAdapter adapter = new AnthropicAdapter(ProviderSettings.of("anthropic", "sk-ant-bench"));
    private byte[] body;

    @Setup
    public void setUp() {
        body = Fixtures.compactJson(Fixtures.TOOL_CONVERSATION);
    }

    @Benchmark
    public ChatRequest decodeChat() {
        return OpenAiRequestDecoder.decodeChat(body);
    }

    @Benchmark
    public UpstreamRequest decodeAndEncodeAnthropic() {
        return adapter.chatRequest(OpenAiRequestDecoder.decodeChat(body), "claude-sonnet-4-5");
    }
}
