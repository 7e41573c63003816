package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.protocol.openai.OpenAiAnswerScan;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import dev.meridian.core.protocol.openai.OpenAiResponseEncoder;
import dev.meridian.core.provider.PassThroughAdapter;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.OpenAiPassThroughStream;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.relay.TranslatedOpenAiStream;
import dev.meridian.server.routing.Route;
import dev.meridian.server.upstream.Deadlines;
import dev.meridian.server.upstream.UpstreamClients;
import dev.meridian.server.upstream.UpstreamExchange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

import java.util.Map;

/**
 * One call to one deployment. Same protocol → the body passes through ({@link PassThroughAdapter});
 * otherwise the request is decoded and translated by the provider's adapter. A provider error becomes a
 * failed future with the adapter's mapping of it. A stream is handed back once its first bytes arrived, still
 * unwritten, as {@link Reply.Streaming}: until then nothing has reached the caller and the router may retry.
 */
public final class ProviderCall {

    private static final Protocol INBOUND = Protocol.OPENAI;
    private static final int MAX_ERROR_BODY = 1 << 20;

    private final Deadlines deadlines;
    private final UpstreamClients clients;

    public ProviderCall(Deadlines deadlines, UpstreamClients clients) {
        this.deadlines = deadlines;
        this.clients = clients;
    }

    /**
     * Starts a call to {@code route}.
     *
     * @param attemptNanos the attempt timeout (until the answer, or a stream's first bytes), 0 for none
     */
    public Attempt start(RequestContext ctx, Route route, long attemptNanos) {
        Attempt attempt = new Attempt(route);
        try {
            UpstreamRequest upstream = upstreamRequest(ctx, attempt);
            attempt.sentNanos = System.nanoTime();
            attempt.exchange = UpstreamExchange.open(deadlines, clients.client(route.provider()), route.provider(),
                    upstream, attemptNanos);
            attempt.answer = attempt.exchange.head().compose(exchange -> answer(ctx, attempt, exchange));
        } catch (RuntimeException e) {
            // A translation refusal (GatewayException) or anything unexpected: the attempt fails, never the loop.
            if (attempt.exchange != null) {
                attempt.exchange.abort();
            }
            attempt.answer = Future.failedFuture(ReplyWriter.asGatewayError(e));
        }
        return attempt;
    }

    private static UpstreamRequest upstreamRequest(RequestContext ctx, Attempt attempt) {
        Route route = attempt.route;
        ProviderAdapter adapter = route.provider().adapter();
        attempt.passThrough = adapter.protocol() == INBOUND && adapter instanceof PassThroughAdapter;
        if (attempt.passThrough) {
            PassThroughAdapter.Operation op = ctx.operation() == Operation.CHAT
                    ? PassThroughAdapter.Operation.CHAT : PassThroughAdapter.Operation.EMBEDDINGS;
            return ((PassThroughAdapter) adapter).passThrough(op, ctx.body, ctx.scan, route.upstreamModel());
        }
        if (ctx.operation() == Operation.CHAT) {
            return adapter.chatRequest(ctx.chatRequest(), route.upstreamModel());
        }
        return adapter.embeddingsRequest(ctx.embeddingRequest(), route.upstreamModel());
    }

    private Future<Reply> answer(RequestContext ctx, Attempt attempt, UpstreamExchange exchange) {
        attempt.headNanos = System.nanoTime();
        HttpClientResponse response = exchange.response();
        ProviderAdapter adapter = attempt.route.provider().adapter();
        if (response.statusCode() / 100 != 2) {
            return failure(exchange, adapter);
        }
        if (ctx.stream && ctx.operation() == Operation.CHAT) {
            return firstBytes(exchange).map(first -> {
                attempt.answerNanos = System.nanoTime();
                return new Reply.Streaming(headers(attempt.route), exchange, translator(ctx, attempt), first);
            });
        }
        return exchange.body().map(body -> {
            attempt.answerNanos = System.nanoTime();
            return complete(ctx, attempt, body);
        });
    }

    /**
     * Waits for the stream's first bytes and holds the stream paused after them. A stream that fails or ends
     * before sending anything fails the attempt, which may then be retried.
     */
    private static Future<Buffer> firstBytes(UpstreamExchange exchange) {
        HttpClientResponse in = exchange.response();
        Promise<Buffer> first = Promise.promise();
        in.handler(chunk -> {
            in.pause();
            exchange.commit();
            exchange.touch();
            first.tryComplete(chunk);
        });
        in.exceptionHandler(err -> first.tryFail(exchange.failure(err, true)));
        in.endHandler(v -> {
            exchange.finish();
            first.tryFail(GatewayException.builder(ErrorCode.UPSTREAM_ERROR, "Provider '"
                    + exchange.provider().name() + "' ended the stream without sending anything.")
                    .provider(exchange.provider().name()).build());
        });
        in.resume();
        return first.future();
    }

    private static StreamTranslator translator(RequestContext ctx, Attempt attempt) {
        ProviderAdapter adapter = attempt.route.provider().adapter();
        return attempt.passThrough
                ? new OpenAiPassThroughStream(attempt.route.provider().name(), ctx.callerWantsUsage)
                : new TranslatedOpenAiStream(adapter.newStreamDecoder(), ctx.callerWantsUsage);
    }

    private static Reply complete(RequestContext ctx, Attempt attempt, Buffer body) {
        ProviderAdapter adapter = attempt.route.provider().adapter();
        String provider = attempt.route.provider().name();
        byte[] bytes = body.getBytes();
        if (attempt.passThrough) {
            OpenAiAnswerScan.Answer answer = OpenAiAnswerScan.scan(provider, "response", bytes);
            attempt.usage = answer.usage();
            attempt.servedModel = answer.model();
            return new Reply.Complete(200, headers(attempt.route), body);
        }
        if (ctx.operation() == Operation.CHAT) {
            ChatResponse response = adapter.decodeChat(bytes);
            attempt.usage = response.usage();
            attempt.servedModel = response.model();
            return new Reply.Complete(200, headers(attempt.route),
                    Buffer.buffer(OpenAiResponseEncoder.encode(response)));
        }
        EmbeddingRequest embeddings = ctx.embeddingRequest();
        var response = adapter.decodeEmbeddings(bytes, embeddings);
        attempt.usage = response.usage();
        attempt.servedModel = response.model();
        return new Reply.Complete(200, headers(attempt.route), Buffer.buffer(
                OpenAiResponseEncoder.encodeEmbeddings(response, "base64".equals(embeddings.encodingFormat()))));
    }

    private static Future<Reply> failure(UpstreamExchange exchange, ProviderAdapter adapter) {
        HttpClientResponse response = exchange.response();
        String retryAfter = response.getHeader("retry-after");
        return exchange.body().compose(body -> {
            byte[] bytes = body.length() > MAX_ERROR_BODY ? body.getBytes(0, MAX_ERROR_BODY) : body.getBytes();
            GatewayException error = adapter.decodeError(response.statusCode(), retryAfter, bytes);
            return Future.failedFuture(error);
        });
    }

    private static Map<String, String> headers(Route route) {
        return Map.of("x-meridian-provider", route.provider().name(), "x-meridian-model", route.upstreamModel());
    }
}
