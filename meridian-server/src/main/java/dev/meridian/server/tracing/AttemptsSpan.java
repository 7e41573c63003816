package dev.meridian.server.tracing;

import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Stage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;

/**
 * The attempt loop in its span, the parent of each call's client span ({@link OtelCallTracing}). It lasts until
 * the loop has an answer in hand (a stream's first bytes) or gives up; the winning call's span lasts until the
 * answer is relayed.
 */
final class AttemptsSpan implements Stage.Next {

    static final String NAME = "attempts";

    private final Tracer tracer;
    private final Stage.Next attempts;

    AttemptsSpan(Tracer tracer, Stage.Next attempts) {
        this.tracer = tracer;
        this.attempts = attempts;
    }

    @Override
    public Future<Reply> run(RequestContext ctx) {
        RequestSpan request = (RequestSpan) ctx.span();
        Span span = tracer.spanBuilder(NAME)
                .setParent(request.context)
                .setAttribute(SpanNames.STAGE, NAME)
                .startSpan();
        request.attempts = request.context.with(span);
        Future<Reply> out;
        try {
            out = attempts.run(ctx);
        } catch (RuntimeException e) {
            SpanNames.refused(span, e);
            span.end();
            throw e;
        }
        return out.onComplete(result -> {
            span.setAttribute(SpanNames.ATTEMPTS, request.calls);
            if (result.failed()) {
                SpanNames.refused(span, result.cause());
            }
            span.end();
        });
    }
}
