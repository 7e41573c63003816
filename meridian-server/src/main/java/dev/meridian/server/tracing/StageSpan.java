package dev.meridian.server.tracing;

import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Stage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

/**
 * A stage in its own span, a child of the request's server span. The span covers the stage's own work: from its
 * start until it hands the request on (calls {@code next}), or until it answers by itself (a refusal, a cache hit).
 * So the stages' spans follow one another under the server span instead of nesting the whole rest of the request.
 */
final class StageSpan implements Stage {

    private final Tracer tracer;
    private final Stage stage;
    private final String name;

    StageSpan(Tracer tracer, Stage stage) {
        this.tracer = tracer;
        this.stage = stage;
        this.name = SpanNames.stage(stage.getClass());
    }

    /** The stage traced. */
    Stage stage() {
        return stage;
    }

    String name() {
        return name;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        RequestSpan request = (RequestSpan) ctx.span();
        Span span = tracer.spanBuilder(name)
                .setParent(request.context)
                .setAttribute(SpanNames.STAGE, name)
                .startSpan();
        Handoff handoff = new Handoff(span, next);
        Future<Reply> out;
        try {
            out = stage.apply(ctx, handoff);
        } catch (RuntimeException e) {
            handoff.answered(Future.failedFuture(e));
            throw e;
        }
        return out.onComplete(handoff::answered);
    }

    /** Ends the stage's span the first time it hands on or answers, whichever comes first. */
    private static final class Handoff implements Next {

        private final Span span;
        private final Next next;
        private boolean ended;

        Handoff(Span span, Next next) {
            this.span = span;
            this.next = next;
        }

        @Override
        public Future<Reply> run(RequestContext ctx) {
            if (!ended) {
                ended = true;
                span.end();
            }
            return next.run(ctx);
        }

        void answered(AsyncResult<Reply> result) {
            if (ended) {
                return;
            }
            ended = true;
            if (result.failed()) {
                SpanNames.refused(span, result.cause());
            }
            span.end();
        }
    }
}
