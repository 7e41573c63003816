package dev.meridian.server.connection;

import dev.meridian.server.metrics.GatewayMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one client connection's deadlines: request headers within the header timeout, no body stall longer than
 * the body-stall timeout, and no idleness longer than the idle timeout while nothing is in flight. A request
 * waiting for its answer has no deadline here: a slow model is not a slow client.
 *
 * <p>It sits at the head of the pipeline, where it sees raw bytes arrive, plus a tap after the HTTP/1 codec (put
 * there by {@link #attach} once Vert.x has made the connection) that sees requests start and end, answers end, and
 * an upgrade to cleartext HTTP/2 (after which only idleness is watched, and an idle close says GOAWAY). Nothing is scheduled per request: one check per connection wakes at the nearest deadline, and at least once per
 * shortest timeout, reads the state and goes back to sleep (the {@code IdleStateHandler} pattern); the request path
 * only sets a few fields. Event-loop confined.
 */
public final class SlowClientGuard extends ChannelDuplexHandler {

    static final String NAME = "meridian-slow-client-guard";
    private static final String TAP = "meridian-http-tap";
    /** How long a 408 may take to leave before the connection is closed anyway. */
    private static final long LINGER_MILLIS = 1000;

    private enum State {
        /** Accepted, not a byte yet: the first request's header clock runs from the accept. */
        FRESH,
        /** Bytes of a request arrived, its headers are not complete. */
        HEADERS,
        /** Headers complete, body not; {@code since} is the last byte. */
        BODY,
        /** The request is complete and its answer is not: no deadline. */
        ANSWERING,
        /** Every answer written, nothing of a next request yet. */
        IDLE,
        /** HTTP/2: idle only, when no stream is open. */
        HTTP2,
        /** Not HTTP as the guard knows it; no deadlines. */
        UNGUARDED,
        CLOSING
    }

    private final GuardSettings settings;
    private ChannelHandlerContext ctx;
    private State state = State.FRESH;
    /** When the current state's clock started, in {@link System#nanoTime()}. */
    private long since;
    /** Requests received whose answers are not complete (more than one only with HTTP/1.1 pipelining). */
    private int unanswered;

    private ScheduledFuture<?> check;
    /** An expiry slot is reserved with this loop's {@link ExpiryPacer}: the next expired check closes at once. */
    private boolean paced;

    SlowClientGuard(GuardSettings settings) {
        this.settings = settings;
    }

    /**
     * Called from the HTTP server's connection handler, on the connection's event loop, before Vert.x sees the
     * connection's first request: HTTP/1 connections get the tap after the codec, HTTP/2 ones are watched for
     * idleness only. A connection the guard was not installed on (no {@link ConnectionGuards}) is left alone.
     */
    public static void attach(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        Channel channel = base.channel();
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NAME) instanceof SlowClientGuard guard) {
            guard.attach(pipeline);
        }
    }

    private void attach(ChannelPipeline pipeline) {
        if (state == State.CLOSING) {
            return;
        }
        if (pipeline.get(Http2ConnectionHandler.class) != null) {
            state = State.HTTP2;
            since = System.nanoTime();
        } else if (pipeline.get("handler") != null && pipeline.get(TAP) == null) {
            // Before Vert.x's handler: sees decoded requests coming in and whole answers going out.
            pipeline.addBefore("handler", TAP, new HttpTap());
        } else if (pipeline.get(TAP) == null) {
            state = State.UNGUARDED;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        since = System.nanoTime();
        schedule(settings.shortest());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (state) {
            case FRESH -> state = State.HEADERS; // the clock keeps running from the accept
            case IDLE -> {
                state = State.HEADERS;
                since = System.nanoTime();
            }
            case BODY, HTTP2 -> since = System.nanoTime();
            default -> {}
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (state == State.HTTP2) {
            since = System.nanoTime();
        }
        ctx.write(msg, promise);
    }

    private void schedule(long nanos) {
        check = ctx.executor().schedule(this::check, Math.max(nanos, 1_000_000), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** Wakes at a deadline or once per shortest timeout; acts on an expired deadline, else sleeps again. */
    private void check() {
        check = null;
        if (state == State.CLOSING || !ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        long limit;
        switch (state) {
            case FRESH, HEADERS -> limit = settings.headerNanos();
            case BODY -> {
                if (!ctx.channel().config().isAutoRead()) {
                    since = now; // the gateway paused reading (a key lookup): not the client's stall
                }
                limit = settings.bodyStallNanos();
            }
            case IDLE -> limit = settings.idleNanos();
            case HTTP2 -> {
                Http2ConnectionHandler h2 = ctx.pipeline().get(Http2ConnectionHandler.class);
                if (h2 != null && h2.connection().numActiveStreams() > 0) {
                    since = now;
                }
                limit = settings.idleNanos();
            }
            default -> {
                schedule(settings.shortest()); // ANSWERING or UNGUARDED: look again later
                return;
            }
        }
        long left = since + limit - now;
        if (left > 0) {
            // A state entered after this check has a deadline at least one shortest timeout away: never missed.
            paced = false; // the connection moved on while it waited for its slot
            schedule(Math.min(left, settings.shortest()));
            return;
        }
        long wait = paced ? 0 : ExpiryPacer.ofThisLoop().reserve(now);
        if (wait > 0) {
            paced = true; // its slot is reserved: the next check expires without asking again
            check = ctx.executor().schedule(this::check, wait, TimeUnit.NANOSECONDS);
        } else {
            expire();
        }
    }

    private void expire() {
        State expired = state;
        state = State.CLOSING;
        GatewayMetrics metrics = settings.metrics();
        switch (expired) {
            case FRESH -> {
                // Nothing was asked: an unasked-for 408 could race a request the client is just sending.
                metrics.headerTimedOut();
                ctx.close();
            }
            case HEADERS -> {
                metrics.headerTimedOut();
                answerAndClose(settings.headerTimeout());
            }
            case BODY -> {
                metrics.bodyStalled();
                if (unanswered == 0) {
                    ctx.close(); // answered already; nothing more to say
                } else {
                    answerAndClose(settings.bodyStalled());
                    // Vert.x fails the request with this error (its pipeline accounts a 408, its answer is dropped
                    // by the tap) and closes the connection.
                    ChannelHandlerContext tap = ctx.pipeline().context(TAP);
                    if (tap != null) {
                        tap.fireExceptionCaught(settings.bodyStalled().error());
                    }
                }
            }
            default -> {
                metrics.idleClosed();
                if (expired == State.HTTP2) {
                    ctx.channel().close(); // through the HTTP/2 handler, which says GOAWAY first
                } else {
                    ctx.close();
                }
            }
        }
    }

    private void answerAndClose(GuardSettings.Answer answer) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer.bytes())).addListener(ChannelFutureListener.CLOSE);
        // A client that does not read its 408 does not keep the connection open either.
        Channel channel = ctx.channel();
        ctx.executor().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** After the HTTP/1 codec: requests starting and ending, answers ending. */
    private final class HttpTap extends ChannelDuplexHandler {

        @Override
        public void channelRead(ChannelHandlerContext tap, Object msg) {
            if (state != State.CLOSING) {
                if (msg instanceof HttpRequest) {
                    unanswered++;
                    state = State.BODY;
                    since = System.nanoTime();
                }
                if (msg instanceof LastHttpContent) {
                    if (unanswered > 0) {
                        state = State.ANSWERING;
                    } else {
                        state = State.IDLE; // answered before its body ended (an early refusal)
                        since = System.nanoTime();
                    }
                }
            }
            tap.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext tap, Object msg, ChannelPromise promise) {
            if (state == State.CLOSING && msg instanceof HttpObject) {
                // The guard has answered 408; whatever Vert.x answers after it would be a second response.
                ReferenceCountUtil.release(msg);
                promise.trySuccess();
                return;
            }
            if (msg instanceof HttpResponse response && response.status().code() == 101) {
                // Upgraded to cleartext HTTP/2 (h2c): from here on the bytes are frames, watched for idleness only.
                state = State.HTTP2;
                unanswered = 0;
                since = System.nanoTime();
                tap.write(msg, promise);
                return;
            }
            if (msg instanceof LastHttpContent && unanswered > 0 && --unanswered == 0 && state == State.ANSWERING) {
                state = State.IDLE;
                since = System.nanoTime();
            }
            tap.write(msg, promise);
        }
    }
}
