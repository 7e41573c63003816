package dev.meridian.server.pipeline;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatRequest;
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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

import java.util.Map;

/**
 * The terminal step: one call to the routed provider. Same protocol → the body passes through
 * ({@link PassThroughAdapter}); otherwise the request is decoded and translated by the provider's adapter.
 * A provider error becomes a failed future with the adapter's mapping of it; a stream comes back unread
 * as {@link Reply.Streaming} for the responder to relay.
 */
public final class ProviderCall implements Stage.Next {

    private static final Protocol INBOUND = Protocol.OPENAI;
    private static final int MAX_ERROR_BODY = 1 << 20;

    private final Deadlines deadlines;
    private final UpstreamClients clients;

    public ProviderCall(Deadlines deadlines, UpstreamClients clients) {
        this.deadlines = deadlines;
        this.clients = clients;
    }

    @Override
    public Future<Reply> run(RequestContext ctx) {
        Route route = ctx.route;
        ProviderAdapter adapter = route.provider().adapter();
        ctx.passThrough = adapter.protocol() == INBOUND && adapter instanceof PassThroughAdapter;
        UpstreamRequest upstream;
        EmbeddingRequest embeddingRequest = null;
        if (ctx.passThrough) {
            PassThroughAdapter.Operation op = ctx.operation() == Operation.CHAT
                    ? PassThroughAdapter.Operation.CHAT : PassThroughAdapter.Operation.EMBEDDINGS;
            upstream = ((PassThroughAdapter) adapter).passThrough(op, ctx.body, ctx.scan, route.upstreamModel());
        } else if (ctx.operation() == Operation.CHAT) {
            ChatRequest request = OpenAiRequestDecoder.decodeChat(ctx.body);
            upstream = adapter.chatRequest(request, route.upstreamModel());
        } else {
            embeddingRequest = OpenAiRequestDecoder.decodeEmbeddings(ctx.body);
            upstream = adapter.embeddingsRequest(embeddingRequest, route.upstreamModel());
        }
        ctx.upstreamSentNanos = System.nanoTime();
        EmbeddingRequest sentEmbeddings = embeddingRequest;
        return UpstreamExchange.send(deadlines, clients.client(route.provider()), route.provider(), upstream)
                .compose(exchange -> {
                    ctx.upstreamHeadNanos = System.nanoTime();
                    HttpClientResponse response = exchange.response();
                    if (response.statusCode() / 100 != 2) {
                        return failure(exchange, adapter);
                    }
                    if (ctx.stream && ctx.operation() == Operation.CHAT) {
                        return Future.succeededFuture(new Reply.Streaming(headers(route), exchange, translator(ctx)));
                    }
                    return exchange.body().map(body -> {
                        ctx.upstreamAnswerNanos = System.nanoTime();
                        return complete(ctx, adapter, body, sentEmbeddings);
                    });
                });
    }

    private StreamTranslator translator(RequestContext ctx) {
        ProviderAdapter adapter = ctx.route.provider().adapter();
        return ctx.passThrough
                ? new OpenAiPassThroughStream(ctx.route.provider().name(), ctx.callerWantsUsage)
                : new TranslatedOpenAiStream(adapter.newStreamDecoder(), ctx.callerWantsUsage);
    }

    private Reply complete(RequestContext ctx, ProviderAdapter adapter, Buffer body, EmbeddingRequest embeddings) {
        String provider = ctx.route.provider().name();
        byte[] bytes = body.getBytes();
        if (ctx.passThrough) {
            OpenAiAnswerScan.Answer answer = OpenAiAnswerScan.scan(provider, "response", bytes);
            ctx.usage = answer.usage();
            ctx.servedModel = answer.model();
            return new Reply.Complete(200, headers(ctx.route), body);
        }
        if (ctx.operation() == Operation.CHAT) {
            ChatResponse response = adapter.decodeChat(bytes);
            ctx.usage = response.usage();
            ctx.servedModel = response.model();
            return new Reply.Complete(200, headers(ctx.route), Buffer.buffer(OpenAiResponseEncoder.encode(response)));
        }
        var response = adapter.decodeEmbeddings(bytes, embeddings);
        ctx.usage = response.usage();
        ctx.servedModel = response.model();
        return new Reply.Complete(200, headers(ctx.route), Buffer.buffer(
                OpenAiResponseEncoder.encodeEmbeddings(response, "base64".equals(embeddings.encodingFormat()))));
    }

    private Future<Reply> failure(UpstreamExchange exchange, ProviderAdapter adapter) {
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
