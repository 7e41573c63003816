package dev.meridian.bench.jmh;

import dev.meridian.core.cache.CacheFingerprint;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import dev.meridian.core.model.Usage;
import dev.meridian.core.protocol.openai.OpenAiChatProtocol;
import java.nio.charset.StandardCharsets;
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
 * The response cache's CPU per request (issue 12, item 8): the key of a 2 KB chat request (a tree parse, the
 * canonical JSON with sorted keys, SHA-256), and on a hit the work of answering from memory: a stored 2 KB answer
 * read back into the canonical form (once per entry and replica; memoized after) and replayed as the caller's SSE
 * stream. The front door's scan ({@code read}) happens for every request with or without the cache and is
 * measured alone for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CacheKeyBenchmark {

    private byte[] request;
    private byte[] streamRequest;
    private InboundRequest read;
    private InboundRequest streamRead;
    private byte[] answerBody;
    private ChatResponse answer;

    @Setup
    public void setUp() {
        request = twoKilobyteRequest(false);
        streamRequest = twoKilobyteRequest(true);
        read = OpenAiChatProtocol.INSTANCE.read(request);
        streamRead = OpenAiChatProtocol.INSTANCE.read(streamRequest);
        String text = "The schedule pauses when the report owner's SSO session is revoked. ".repeat(25);
        answer = new ChatResponse(
                "chatcmpl-bench",
                "gpt-4o-mini-2024-07-18",
                1_700_000_000L,
                List.of(new Choice(0, Message.of(Role.ASSISTANT, text), FinishReason.STOP)),
                new Usage(480, 420, 0, 0, 0),
                null);
        answerBody = OpenAiChatProtocol.INSTANCE.encodeAnswer(answer);
        if (request.length < 1900 || request.length > 2200 || answerBody.length < 2000 || answerBody.length > 2300) {
            throw new IllegalStateException(
                    "fixture sizes drifted: request " + request.length + " B, answer " + answerBody.length + " B");
        }
    }

    /** A chat request of about 2 KB: a system prompt, three turns, sampling parameters and a tool. */
    static byte[] twoKilobyteRequest(boolean stream) {
        String system = "You are the support assistant of Acme Analytics. Answer questions about dashboards, data"
                + " sources, scheduled reports and billing. Be concise and precise; when a question is ambiguous,"
                + " ask one clarifying question. Never invent features. ";
        String json = "{\"model\":\"bench-cached\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"" + system.repeat(5) + "\"},"
                + "{\"role\":\"user\",\"content\":\"Our weekly revenue report stopped arriving on Monday. The"
                + " schedule still shows 08:00 Europe/Paris and the recipients list is unchanged.\"},"
                + "{\"role\":\"assistant\",\"content\":\"First check the report's run history: a failed run usually"
                + " means the data source credentials expired.\"},"
                + "{\"role\":\"user\",\"content\":\"The connection test passes and a manual run works. Could the"
                + " schedule itself be paused after our SSO change last week?\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_schedule\",\"description\":"
                + "\"Reads a report's schedule\",\"parameters\":{\"type\":\"object\",\"properties\":{\"report_id\":"
                + "{\"type\":\"string\"}},\"required\":[\"report_id\"]}}}],"
                + "\"temperature\":0.2,\"top_p\":1,\"max_tokens\":512,\"seed\":42,\"user\":\"u-1234\""
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public InboundRequest frontDoorScan2KB() {
        return OpenAiChatProtocol.INSTANCE.read(request);
    }

    @Benchmark
    public CacheFingerprint key2KB() {
        return read.fingerprint("bench-cached");
    }

    @Benchmark
    public ChatResponse readStoredAnswer2KB() {
        return OpenAiChatProtocol.INSTANCE.decodeAnswer(answerBody);
    }

    @Benchmark
    public InboundRequest.Replay replayAsStream2KB() {
        return streamRead.replay(answer);
    }
}
