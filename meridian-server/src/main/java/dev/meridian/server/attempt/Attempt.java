package dev.meridian.server.attempt;

import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.routing.Route;
import dev.meridian.server.upstream.UpstreamExchange;
import io.vertx.core.Future;

/**
 * One call to one deployment for a request. A request may make several (retries, fallbacks, a hedge running
 * beside the first), so what a call learns lives here until the loop picks the attempt whose answer goes to the
 * caller. Confined to the request's event loop.
 */
public final class Attempt {

    final Route route;
    boolean passThrough;
    UpstreamExchange exchange;
    Future<Reply> answer;
    boolean cancelled;
    /** Cancelled because another attempt of the request answered first (a hedge race). */
    boolean lost;
    /** The call's trace span; {@link CallTracing.Span#NONE} when traces are off or nothing was sent. */
    CallTracing.Span span = CallTracing.Span.NONE;

    long sentNanos;
    long headNanos;
    /** When the answer was in hand: the whole body, or a stream's first bytes. */
    long answerNanos;

    Attempt(Route route) {
        this.route = route;
    }

    public Route route() {
        return route;
    }

    /** Completes with the answer, ready for the caller (a stream with its first bytes received), or fails. */
    public Future<Reply> answer() {
        return answer;
    }

    /** Nanoseconds from sending the request to the answer (time to first token for a stream), or -1. */
    public long timeToAnswer() {
        return sentNanos > 0 && answerNanos > 0 ? answerNanos - sentNanos : -1;
    }

    /** The provider's HTTP status, 0 before its answer's head arrived (or for a call never sent). */
    int upstreamStatus() {
        return exchange == null || exchange.response() == null
                ? 0
                : exchange.response().statusCode();
    }

    /** Abandons the attempt because another one answered first. */
    void lose() {
        lost = true;
        cancel();
    }

    /** Abandons the attempt: the provider request is reset and its answer, if it still comes, ignored. */
    public void cancel() {
        cancelled = true;
        if (exchange != null) {
            exchange.abort();
        }
        if (answer != null && answer.succeeded() && answer.result() instanceof Reply.Streaming s) {
            s.source().abort();
        }
    }
}
