package dev.meridian.server.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.protocol.openai.OpenAiChatProtocol;
import dev.meridian.core.protocol.openai.OpenAiPassThroughStream;
import dev.meridian.server.pipeline.Caller;
import dev.meridian.server.pipeline.ReplaySource;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.testkit.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream need not come from a provider: a reply whose source replays bytes from memory (what the response cache
 * will do) goes through the same writer, translator and accounting as a live one, over real HTTP.
 */
class ReplayStreamIT {

    private static final String STREAM = """
            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{"content":"Hello from memory"},"finish_reason":null}],"usage":null}

            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

            data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}

            data: [DONE]

            """;

    private Vertx vertx;
    private HttpServer server;
    private final AtomicReference<RequestContext> accounted = new AtomicReference<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        ReplyWriter writer = new ReplyWriter(accounted::set);
        server = vertx.createHttpServer().requestHandler(request -> {
            RequestContext ctx = new RequestContext(
                    "req-replay", System.nanoTime(), OpenAiChatProtocol.INSTANCE, new Caller(request), null);
            // Three-byte chunks: events split anywhere, as a network would split them.
            byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
            List<Buffer> chunks = new ArrayList<>();
            for (int i = 0; i < bytes.length; i += 3) {
                chunks.add(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 3))));
            }
            Reply reply = new Reply.Streaming(
                    Map.of("x-meridian-cache", "hit"),
                    new ReplaySource(vertx.getOrCreateContext(), chunks),
                    new OpenAiPassThroughStream("cache", true));
            writer.write(ctx, Future.succeededFuture(reply));
        });
        server.listen(0).await();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void replayedStream_reachesTheCallerEventForEvent_andIsAccounted() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(r.headers().firstValue("x-meridian-cache")).hasValue("hit");
        assertThat(r.headers().firstValue("x-request-id")).hasValue("req-replay");
        assertThat(r.body()).isEqualTo(STREAM);
        Poll.until(() -> accounted.get() != null, "the replayed request is accounted");
        RequestContext.Outcome outcome = accounted.get().outcome();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.usage().inputTokens()).isEqualTo(9);
        assertThat(outcome.usage().outputTokens()).isEqualTo(3);
        assertThat(outcome.servedModel()).isEqualTo("gpt-test");
        assertThat(outcome.error()).isNull();
    }
}
