package dev.meridian.server.upstream;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.server.config.ProviderConfig;
import dev.meridian.server.routing.Provider;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * One HTTP exchange with a provider, with the provider's timeouts: first byte (request sent → response
 * head), idle (longest silence while the body or stream arrives) and total. A timeout resets the request
 * and fails whatever is waiting with 504; a connection that could not be made fails with 502 and
 * {@code requestSent = false}. Confined to one event loop.
 */
public final class UpstreamExchange {

    private enum Phase { CONNECTING, WAITING_HEAD, READING, DONE }

    private final Vertx vertx;
    private final Provider provider;
    private final ProviderConfig.Timeouts timeouts;
    private Phase phase = Phase.CONNECTING;
    private HttpClientRequest request;
    private HttpClientResponse response;
    private long totalTimer = -1;
    private long phaseTimer = -1;
    private long lastActivity;
    private String timedOut;
    private boolean aborted;

    private UpstreamExchange(Vertx vertx, Provider provider) {
        this.vertx = vertx;
        this.provider = provider;
        this.timeouts = provider.config().timeouts();
    }

    /**
     * Sends the request; the future completes with the exchange once the response head has arrived, or fails
     * with a GatewayException (connection failure, timeout).
     */
    public static Future<UpstreamExchange> send(Vertx vertx, HttpClientAgent client, Provider provider,
                                                UpstreamRequest upstream) {
        UpstreamExchange exchange = new UpstreamExchange(vertx, provider);
        return exchange.start(client, upstream);
    }

    private Future<UpstreamExchange> start(HttpClientAgent client, UpstreamRequest upstream) {
        Promise<UpstreamExchange> head = Promise.promise();
        totalTimer = vertx.setTimer(timeouts.total().toMillis(), id -> timeout("total"));
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(upstream.method()))
                .setHost(provider.host())
                .setPort(provider.port())
                .setSsl(provider.ssl())
                .setURI(provider.uri(upstream.path()))
                .setConnectTimeout(timeouts.connect().toMillis());
        for (Map.Entry<String, String> h : upstream.headers().entrySet()) {
            options.putHeader(h.getKey(), h.getValue());
        }
        options.putHeader("content-length", String.valueOf(upstream.body().length));
        if (upstream.stream()) {
            options.putHeader("accept", "text/event-stream");
        }
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                finish();
                head.tryFail(failure(ar.cause(), false));
                return;
            }
            request = ar.result();
            if (aborted) {
                request.reset();
                return;
            }
            phase = Phase.WAITING_HEAD;
            phaseTimer = vertx.setTimer(timeouts.firstByte().toMillis(), id -> timeout("first byte"));
            request.response().onComplete(rr -> {
                cancelPhaseTimer();
                if (rr.failed()) {
                    finish();
                    head.tryFail(failure(rr.cause(), true));
                    return;
                }
                response = rr.result();
                if (upstream.stream()) {
                    // Held until the relay has its handlers in place, so no event can slip past it.
                    response.pause();
                }
                phase = Phase.READING;
                touch();
                armIdle(timeouts.idle().toMillis());
                head.tryComplete(this);
            });
            request.end(Buffer.buffer(upstream.body())).onFailure(err -> {
                finish();
                head.tryFail(failure(err, true));
            });
        });
        return head.future();
    }

    public HttpClientResponse response() {
        return response;
    }

    public Provider provider() {
        return provider;
    }

    /** Reads the whole (bounded) body of a non-streamed answer, under the idle and total timeouts. */
    public Future<Buffer> body() {
        Future<Buffer> body = response.body();
        response.resume();
        return body.recover(err -> Future.failedFuture(failure(err, true))).andThen(ar -> finish());
    }

    /** Records that bytes arrived, for the idle timeout. */
    public void touch() {
        lastActivity = System.nanoTime();
    }

    /** Stops the timers; the exchange is over (normally or not). */
    public void finish() {
        phase = Phase.DONE;
        cancelPhaseTimer();
        if (totalTimer >= 0) {
            vertx.cancelTimer(totalTimer);
            totalTimer = -1;
        }
    }

    /** The caller went away or the answer is no longer wanted: reset the upstream request. */
    public void abort() {
        aborted = true;
        finish();
        if (request != null) {
            request.reset();
        }
    }

    /** Maps a transport failure of this exchange to the gateway's error. */
    public GatewayException failure(Throwable cause, boolean sent) {
        if (cause instanceof GatewayException g) {
            return g;
        }
        String name = provider.name();
        if (timedOut != null) {
            return GatewayException.builder(ErrorCode.UPSTREAM_TIMEOUT, "Provider '" + name + "' did not answer within the "
                    + timedOut + " timeout.").provider(name).requestSent(sent).build();
        }
        if (cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return GatewayException.builder(ErrorCode.UPSTREAM_TIMEOUT, "Provider '" + name
                    + "' could not be reached within the connect timeout.").provider(name).requestSent(false).build();
        }
        boolean neverSent = !sent || cause instanceof ConnectException || cause instanceof UnknownHostException;
        String what = neverSent ? "could not be reached" : "failed while answering";
        return GatewayException.builder(ErrorCode.UPSTREAM_ERROR, "Provider '" + name + "' " + what + ": "
                        + describe(cause)).provider(name).requestSent(!neverSent).cause(cause).build();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private void timeout(String which) {
        if (phase == Phase.DONE) {
            return;
        }
        timedOut = which;
        phase = Phase.DONE;
        cancelPhaseTimer();
        if (request != null) {
            request.reset(0, new java.util.concurrent.TimeoutException(which));
        }
    }

    private void armIdle(long delayMillis) {
        long idleMillis = timeouts.idle().toMillis();
        phaseTimer = vertx.setTimer(delayMillis, id -> {
            phaseTimer = -1;
            if (phase != Phase.READING) {
                return;
            }
            long silentMillis = (System.nanoTime() - lastActivity) / 1_000_000;
            if (silentMillis >= idleMillis) {
                timeout("idle");
            } else {
                armIdle(idleMillis - silentMillis);
            }
        });
    }

    private void cancelPhaseTimer() {
        if (phaseTimer >= 0) {
            vertx.cancelTimer(phaseTimer);
            phaseTimer = -1;
        }
    }
}
