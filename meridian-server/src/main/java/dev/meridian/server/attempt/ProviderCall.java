package dev.meridian.server.attempt;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.relay.StreamTranslator;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.server.pipeline.Failures;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.routing.Route;
import dev.meridian.server.upstream.Deadlines;
import dev.meridian.server.upstream.UpstreamClients;
import dev.meridian.server.upstream.UpstreamExchange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One call to one deployment. A provider speaking the caller's protocol gets the caller's bytes (pass-through,
 * unless the request turned it off); any other gets the canonical request encoded by its adapter. What the
 * request's protocol does with the answer is the {@link InboundRequest}'s business, so nothing here knows the
 * caller's protocol. A provider error becomes a failed future with the adapter's mapping of it. A stream is handed
 * back once its first bytes arrived, still unwritten, as a {@link Reply.Streaming} from an {@link UpstreamSource}:
 * until then nothing has reached the caller and the loop may retry. A door that answers for some provider itself
 * ({@link InboundRequest#localAnswer}: token counting without a counting API) is answered on a worker thread, without
 * a call.
 */
public final class ProviderCall {

    private static final int MAX_ERROR_BODY = 1 << 20;

    private final Deadlines deadlines;
    private final UpstreamClients clients;
    private final CallTracing tracing;

    /** @param tracing each call's span and the trace context sent with it; {@link CallTracing#NONE} for none */
    public ProviderCall(Deadlines deadlines, UpstreamClients clients, CallTracing tracing) {
        this.deadlines = deadlines;
        this.clients = clients;
        this.tracing = tracing;
    }

    /**
     * Starts a call to {@code info}'s deployment at {@code route}.
     *
     * @param attemptNanos the attempt timeout (until the answer, or a stream's first bytes), 0 for none
     */
    public Attempt start(RequestContext ctx, AttemptHook.AttemptInfo info, Route route, long attemptNanos) {
        Attempt attempt = new Attempt(route);
        try {
            InboundRequest inbound = ctx.inbound();
            ProviderAdapter adapter = route.provider().adapter();
            attempt.passThrough = inbound.passesThrough(adapter);
            Supplier<InboundRequest.Answer> local =
                    inbound.localAnswer(adapter, route.upstreamModel(), attempt.passThrough);
            if (local != null) {
                attempt.answer = answerLocally(attempt, local);
                return attempt;
            }
            UpstreamRequest upstream = inbound.upstreamRequest(
                    adapter, route.upstreamModel(), attempt.passThrough, PromptCacheHints.caching(ctx, route));
            attempt.span = tracing.start(ctx, info, route);
            upstream = attempt.span.propagate(upstream);
            attempt.sentNanos = System.nanoTime();
            attempt.exchange = UpstreamExchange.open(
                    deadlines, clients.client(route.provider()), route.provider(), upstream, attemptNanos);
            attempt.answer = attempt.exchange.head().compose(exchange -> answer(ctx, attempt, exchange));
        } catch (RuntimeException e) {
            // A translation refusal (GatewayException) or anything unexpected: the attempt fails, never the loop.
            if (attempt.exchange != null) {
                attempt.exchange.abort();
            }
            attempt.answer = Future.failedFuture(Failures.asGatewayError(e));
        }
        return attempt;
    }

    /** An answer the request's door gives without calling the provider, computed off the event loop. */
    private static Future<Reply> answerLocally(Attempt attempt, Supplier<InboundRequest.Answer> local) {
        attempt.sentNanos = System.nanoTime();
        return Vertx.currentContext().executeBlocking(local::get, false).map(answer -> {
            attempt.headNanos = attempt.answerNanos = System.nanoTime();
            return new Reply.Complete(
                    200, headers(attempt.route), Buffer.buffer(answer.body()), answer.usage(), answer.model());
        });
    }

    private Future<Reply> answer(RequestContext ctx, Attempt attempt, UpstreamExchange exchange) {
        attempt.headNanos = System.nanoTime();
        HttpClientResponse response = exchange.response();
        ProviderAdapter adapter = attempt.route.provider().adapter();
        if (response.statusCode() / 100 != 2) {
            return failure(exchange, adapter);
        }
        String provider = attempt.route.provider().name();
        if (ctx.stream()) {
            return firstBytes(exchange).map(first -> {
                attempt.answerNanos = System.nanoTime();
                StreamTranslator translator =
                        ctx.inbound().streamTranslator(adapter, provider, attempt.passThrough, ctx.streamFilters());
                // A caller who asked for usage reads the cost beside it; an unpriced deployment's is 0, as counted.
                ModelPrice price = attempt.route.pricing().price();
                translator.meter().pricing(u -> price == null ? 0.0 : price.cost(u));
                return new Reply.Streaming(headers(attempt.route), new UpstreamSource(exchange, first), translator);
            });
        }
        return exchange.body().map(body -> {
            attempt.answerNanos = System.nanoTime();
            byte[] bytes = body.getBytes();
            InboundRequest.Answer answer = ctx.inbound().answer(adapter, provider, bytes, attempt.passThrough);
            Buffer out = answer.body() == bytes ? body : Buffer.buffer(answer.body());
            return new Reply.Complete(200, headers(attempt.route), out, answer.usage(), answer.model());
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
            first.tryFail(GatewayException.builder(
                            ErrorCode.UPSTREAM_ERROR,
                            "Provider '" + exchange.provider().name() + "' ended the stream without sending anything.")
                    .provider(exchange.provider().name())
                    .build());
        });
        in.resume();
        return first.future();
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
