package dev.meridian.server.upstream;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.server.config.ProviderConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with a provider, with the provider's timeouts: first byte (request sent → response
 * head), idle (longest silence while the body or stream arrives) and total, checked by the event loop's
 * {@link Deadlines}; and, for a routed attempt, the attempt timeout: until the exchange is
 * {@linkplain #commit() committed} (the answer started reaching the caller), it must have produced its answer
 * (non-streamed) or first event (streamed) within that time, so the router can try elsewhere. A timeout resets the request and fails whatever is waiting with 504; a connection that
 * could not be made fails with 502 and {@code requestSent = false}. Confined to one event loop.
 */
public final class UpstreamExchange {

    private enum Phase {
        CONNECTING,
        WAITING_HEAD,
        READING,
        DONE
    }

    private final Deadlines deadlines;
    private final Provider provider;
    private final long startNanos;
    private final long totalNanos;
    private final long firstByteNanos;
    private final long idleNanos;
    private final long attemptNanos;
    private final Promise<UpstreamExchange> head = Promise.promise();
    private boolean committed;
    private boolean paused;
    private Phase phase = Phase.CONNECTING;
    private HttpClientRequest request;
    private HttpClientResponse response;
    private long sentNanos;
    private long lastActivity;
    private String timedOut;
    private boolean aborted;

    private UpstreamExchange(Deadlines deadlines, Provider provider, long attemptNanos) {
        this.deadlines = deadlines;
        this.provider = provider;
        ProviderConfig.Timeouts t = provider.config().timeouts();
        this.startNanos = System.nanoTime();
        this.totalNanos = t.total().toNanos();
        this.firstByteNanos = t.firstByte().toNanos();
        this.idleNanos = t.idle().toNanos();
        this.attemptNanos = attemptNanos;
    }

    /**
     * Sends the request; the future completes with the exchange once the response head has arrived, or fails
     * with a GatewayException (connection failure, timeout).
     */
    public static Future<UpstreamExchange> send(
            Deadlines deadlines, HttpClientAgent client, Provider provider, UpstreamRequest upstream) {
        return open(deadlines, client, provider, upstream, 0).head();
    }

    /**
     * Sends the request and returns the exchange at once, so it can be {@linkplain #abort() aborted} before
     * its answer arrives (a hedged attempt that lost).
     *
     * @param attemptNanos the attempt timeout, 0 for none
     */
    public static UpstreamExchange open(
            Deadlines deadlines,
            HttpClientAgent client,
            Provider provider,
            UpstreamRequest upstream,
            long attemptNanos) {
        UpstreamExchange exchange = new UpstreamExchange(deadlines, provider, attemptNanos);
        exchange.start(client, upstream);
        return exchange;
    }

    /** Completes with this exchange once the response head arrived, or fails with a GatewayException. */
    public Future<UpstreamExchange> head() {
        return head.future();
    }

    /** The answer is going to the caller: the attempt timeout no longer applies. */
    public void commit() {
        committed = true;
    }

    private void start(HttpClientAgent client, UpstreamRequest upstream) {
        deadlines.add(this);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(upstream.method()))
                .setHost(provider.host())
                .setPort(provider.port())
                .setSsl(provider.ssl())
                .setURI(provider.uri(upstream.path()))
                .setConnectTimeout(provider.config().timeouts().connect().toMillis());
        for (Map.Entry<String, String> h : upstream.headers().entrySet()) {
            options.putHeader(h.getKey(), h.getValue());
        }
        if (upstream.body().length > 0 || !"GET".equals(upstream.method())) {
            options.putHeader("content-length", String.valueOf(upstream.body().length));
        }
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
            if (aborted || phase == Phase.DONE) {
                request.reset();
                head.tryFail(failure(new TimeoutException("total"), false));
                return;
            }
            phase = Phase.WAITING_HEAD;
            sentNanos = System.nanoTime();
            request.response().onComplete(rr -> {
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
                head.tryComplete(this);
            });
            request.end(Buffer.buffer(upstream.body())).onFailure(err -> {
                finish();
                head.tryFail(failure(err, true));
            });
        });
    }

    public HttpClientResponse response() {
        return response;
    }

    public Provider provider() {
        return provider;
    }

    /** Reads the whole body of a non-streamed answer, under the idle and total timeouts. */
    public Future<Buffer> body() {
        Future<Buffer> body = response.body();
        response.resume();
        return body.recover(err -> Future.failedFuture(failure(err, true))).andThen(ar -> finish());
    }

    /** Records that bytes arrived, for the idle timeout. */
    public void touch() {
        lastActivity = System.nanoTime();
    }

    /**
     * The relay paused the provider because the caller reads slowly (or resumed it): a silence the gateway
     * caused is not the provider's, so the idle timeout waits while paused and restarts on resume.
     */
    public void paused(boolean value) {
        paused = value;
        touch();
    }

    /** The exchange is over (normally or not): its deadlines no longer apply. */
    public void finish() {
        phase = Phase.DONE;
        deadlines.remove(this);
    }

    /** The caller went away or the answer is no longer wanted: reset the upstream request. */
    public void abort() {
        aborted = true;
        finish();
        if (request != null) {
            request.reset();
        }
    }

    /** Which timeout has passed at {@code now}, or null. */
    String overdue(long now) {
        if (phase == Phase.DONE) {
            return null;
        }
        if (now - startNanos >= totalNanos) {
            return "total";
        }
        if (attemptNanos > 0 && !committed && now - startNanos >= attemptNanos) {
            return "attempt";
        }
        if (phase == Phase.WAITING_HEAD && now - sentNanos >= firstByteNanos) {
            return "first byte";
        }
        if (phase == Phase.READING && !paused && now - lastActivity >= idleNanos) {
            return "idle";
        }
        return null;
    }

    /** Called by the sweep for an overdue exchange: reset the request, which fails whatever waits on it. */
    void expire(long now) {
        String which = overdue(now);
        if (which == null) {
            return;
        }
        timedOut = which;
        finish();
        if (request != null) {
            request.reset(0, new TimeoutException(which));
        } else {
            // Still waiting for a connection (pool exhausted, host silent): fail now, not at the connect timeout.
            // The late connection, if it comes, is reset by start().
            head.tryFail(failure(new TimeoutException(which), false));
        }
    }

    /** Maps a transport failure of this exchange to the gateway's error. */
    public GatewayException failure(Throwable cause, boolean sent) {
        if (cause instanceof GatewayException g) {
            return g;
        }
        String name = provider.name();
        if (timedOut != null) {
            String which = "attempt".equals(timedOut)
                    ? "attempt timeout ("
                            + java.time.Duration.ofNanos(attemptNanos).toMillis() + " ms)"
                    : timedOut + " timeout";
            return GatewayException.builder(
                            ErrorCode.UPSTREAM_TIMEOUT,
                            "Provider '" + name + "' did not answer within the " + which + ".")
                    .provider(name)
                    .requestSent(sent)
                    .cut(sent)
                    .build();
        }
        if (cause instanceof TimeoutException || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return GatewayException.builder(
                            ErrorCode.UPSTREAM_TIMEOUT,
                            "Provider '" + name + "' could not be reached within the connect timeout.")
                    .provider(name)
                    .requestSent(false)
                    .build();
        }
        boolean neverSent = !sent || cause instanceof ConnectException || cause instanceof UnknownHostException;
        String what = neverSent ? "could not be reached" : "failed while answering";
        return GatewayException.builder(
                        ErrorCode.UPSTREAM_ERROR, "Provider '" + name + "' " + what + ": " + describe(cause))
                .provider(name)
                .requestSent(!neverSent)
                .cut(!neverSent)
                .cause(cause)
                .build();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
