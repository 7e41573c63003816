package dev.meridian.server.tracing;

import static dev.meridian.server.tracing.SpanNames.CACHE;
import static dev.meridian.server.tracing.SpanNames.DEPLOYMENT;
import static dev.meridian.server.tracing.SpanNames.GEN_AI_INPUT_TOKENS;
import static dev.meridian.server.tracing.SpanNames.GEN_AI_OUTPUT_TOKENS;
import static dev.meridian.server.tracing.SpanNames.GEN_AI_REQUEST_MODEL;
import static dev.meridian.server.tracing.SpanNames.GEN_AI_RESPONSE_MODEL;
import static dev.meridian.server.tracing.SpanNames.GEN_AI_SYSTEM;
import static dev.meridian.server.tracing.SpanNames.HTTP_STATUS;
import static dev.meridian.server.tracing.SpanNames.MODEL_GROUP;
import static dev.meridian.server.tracing.SpanNames.PROVIDER;
import static dev.meridian.server.tracing.SpanNames.STREAM;
import static dev.meridian.server.tracing.SpanNames.TENANT_ID;

import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Stage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Opens the request's server span, a child of the caller's {@code traceparent} when it sent one (W3C trace context),
 * and closes it once the request is over (a stream once relayed), with what the request came to: status, tenant,
 * models asked and served, usage, cache status. The first stage when traces are on.
 */
final class ServerSpanStage implements Stage {

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest carrier) {
            return carrier.headers().names();
        }

        @Override
        public String get(HttpServerRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    ServerSpanStage(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        HttpServerRequest request = ctx.caller().request();
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        // Only the gateway's own routes reach the pipeline, so the path is a route: few distinct names.
        String route = request.path();
        Span span = tracer.spanBuilder(request.method().name() + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(SpanNames.HTTP_METHOD, request.method().name())
                .setAttribute(SpanNames.HTTP_ROUTE, route)
                .setAttribute(SpanNames.REQUEST_ID, ctx.requestId())
                .startSpan();
        ctx.span(new RequestSpan(span, parent.with(span)));
        ctx.whenDone(() -> finish(span, ctx));
        return next.run(ctx);
    }

    /** What the request came to; never its prompt, its answer or its key. */
    private static void finish(Span span, RequestContext ctx) {
        RequestContext.Outcome outcome = ctx.outcome();
        span.setAttribute(HTTP_STATUS, outcome.status());
        span.setAttribute(STREAM, ctx.stream());
        if (ctx.principal() != null && ctx.principal().tenantId() != null) {
            span.setAttribute(TENANT_ID, ctx.principal().tenantId());
        }
        if (ctx.plan() != null) {
            // a model the gateway serves: a name the caller made up (a 404) stays out of the trace
            span.setAttribute(GEN_AI_REQUEST_MODEL, ctx.model());
        }
        RequestContext.Served served = ctx.served();
        if (served != null) {
            span.setAttribute(MODEL_GROUP, served.group());
            span.setAttribute(DEPLOYMENT, served.deployment());
            span.setAttribute(PROVIDER, served.route().provider().name());
            span.setAttribute(
                    GEN_AI_SYSTEM, SpanNames.system(served.route().provider().type()));
        }
        if (outcome.servedModel() != null) {
            span.setAttribute(GEN_AI_RESPONSE_MODEL, outcome.servedModel());
        }
        if (outcome.usage() != null) {
            span.setAttribute(GEN_AI_INPUT_TOKENS, outcome.usage().inputTokens());
            span.setAttribute(GEN_AI_OUTPUT_TOKENS, outcome.usage().outputTokens());
        }
        if (ctx.cache() != null) {
            span.setAttribute(CACHE, ctx.cache().status().header());
        }
        if (outcome.error() != null) {
            SpanNames.refused(span, outcome.error());
        } else if (outcome.status() >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
