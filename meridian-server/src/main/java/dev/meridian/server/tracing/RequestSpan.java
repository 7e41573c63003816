package dev.meridian.server.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/** One request's server span, kept on its context ({@code RequestContext.span}). Event loop. */
final class RequestSpan {

    final Span span;
    /** The server span's context: the parent of the stages' spans. */
    final Context context;
    /** The attempt loop's span, parent of the calls' spans; null until the loop runs. */
    Context attempts;
    /** Calls to providers made so far. */
    int calls;

    RequestSpan(Span span, Context context) {
        this.span = span;
        this.context = context;
    }

    Context parentOfCalls() {
        return attempts != null ? attempts : context;
    }
}
