package dev.meridian.bench.jmh;

import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.protocol.anthropic.AnthropicMessagesProtocol;
import dev.meridian.core.protocol.openai.OpenAiPassThrough;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.anthropic.AnthropicAdapter;
import java.nio.charset.StandardCharsets;
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
 * The Messages door's pass-through request path on the event loop: read (parse into a tree and check the fields the
 * gateway reads) and the upstream request for an Anthropic provider (the tree written back with the model replaced),
 * against the chat door's streaming scan and byte splice ({@code chatScanAndRewrite}) on an OpenAI conversation of
 * the same size. Sizes: a 20 KB agent turn and a 400 KB one (a coding agent's long context).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class AnthropicDoorRequestBenchmark {

    @Param({"20000", "400000"})
    public int bytes;

    private final AnthropicAdapter anthropic = new AnthropicAdapter(ProviderSettings.of("anthropic", "sk-ant-bench"));
    private byte[] messages;
    private byte[] chat;

    @Setup
    public void setUp() {
        messages = anthropicConversation(bytes);
        chat = Fixtures.longConversation(bytes);
    }

    @Benchmark
    public Object messagesReadAndPassThrough() {
        InboundRequest request = AnthropicMessagesProtocol.INSTANCE.read(messages);
        return request.upstreamRequest(anthropic, "claude-sonnet-4-5", true, PromptCaching.OFF);
    }

    @Benchmark
    public byte[] chatScanAndRewrite() {
        OpenAiPassThrough.Scan scan = OpenAiPassThrough.scanChat(chat);
        return OpenAiPassThrough.rewrite(chat, scan, "gpt-4o-2024-08-06", true, Map.of());
    }

    /** Turns of text, tool use and tool result until the body has {@code minBytes}. */
    static byte[] anthropicConversation(int minBytes) {
        StringBuilder b = new StringBuilder("{\"model\":\"claude\",\"max_tokens\":4096,\"stream\":true,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"You are a coding agent.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[");
        int turn = 0;
        while (b.length() < minBytes) {
            b.append(turn == 0 ? "" : ",")
                    .append("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_")
                    .append(turn)
                    .append("\",\"content\":\"def main():\\n    print(\\\"line ")
                    .append(turn)
                    .append(
                            "\\\")\\n    return 0\\n\"},{\"type\":\"text\",\"text\":\"Please continue with the next file.\"}]},")
                    .append(
                            "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Reading the next file.\"},")
                    .append("{\"type\":\"tool_use\",\"id\":\"toolu_")
                    .append(turn + 1)
                    .append("\",\"name\":\"read_file\",\"input\":{\"path\":\"src/module_")
                    .append(turn)
                    .append(".py\"}}]}");
            turn++;
        }
        b.append(",{\"role\":\"user\",\"content\":\"Done?\"}]}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
