package dev.meridian.server.tracing;

import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.server.attempt.AttemptHook.AttemptInfo;
import dev.meridian.server.attempt.CallTracing;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.routing.Route;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A client span per call to a provider (retries, fallbacks and hedges each have theirs), a child of the attempt
 * loop's span, named as GenAI's conventions say ({@code chat gpt-4o-mini}); and the call's {@code traceparent} (and
 * {@code tracestate}) sent to the provider, so the provider's own spans, if it traces, hang under the call. A request
 * the gateway makes for itself (the semantic cache's embedding) has no server span, and so no call span.
 */
final class OtelCallTracing implements CallTracing {

    private static final TextMapSetter<Map<String, String>> HEADERS = Map::put;
    /** How a call may end without being a failure. */
    private static final Set<String> FINE = Set.of("success", "lost_race", "cancelled");

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    OtelCallTracing(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public CallTracing.Span start(RequestContext ctx, AttemptInfo attempt, Route route) {
        if (!(ctx.span() instanceof RequestSpan request)) {
            return CallTracing.Span.NONE;
        }
        request.calls++;
        String operation = ctx.operation().metricName();
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder(operation + " " + attempt.upstreamModel())
                .setParent(request.parentOfCalls())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(SpanNames.GEN_AI_OPERATION, operation)
                .setAttribute(
                        SpanNames.GEN_AI_SYSTEM,
                        SpanNames.system(route.provider().type()))
                .setAttribute(SpanNames.GEN_AI_REQUEST_MODEL, attempt.upstreamModel())
                .setAttribute(SpanNames.MODEL_GROUP, attempt.group())
                .setAttribute(SpanNames.DEPLOYMENT, attempt.deployment())
                .setAttribute(SpanNames.PROVIDER, attempt.provider())
                .setAttribute(SpanNames.ATTEMPT, request.calls)
                .setAttribute(SpanNames.HEDGE, attempt.hedge())
                .setAttribute(SpanNames.SERVER_ADDRESS, route.provider().host())
                .setAttribute(SpanNames.SERVER_PORT, route.provider().port())
                .startSpan();
        return new Call(span, propagator);
    }

    private static final class Call implements CallTracing.Span {

        private final io.opentelemetry.api.trace.Span span;
        private final TextMapPropagator propagator;

        Call(io.opentelemetry.api.trace.Span span, TextMapPropagator propagator) {
            this.span = span;
            this.propagator = propagator;
        }

        @Override
        public UpstreamRequest propagate(UpstreamRequest request) {
            Map<String, String> headers = new LinkedHashMap<>(request.headers());
            propagator.inject(Context.root().with(span), headers, HEADERS);
            return new UpstreamRequest(request.method(), request.path(), headers, request.body(), request.stream());
        }

        @Override
        public void end(String outcome, int httpStatus, String errorType) {
            span.setAttribute(SpanNames.OUTCOME, outcome);
            if (httpStatus > 0) {
                span.setAttribute(SpanNames.HTTP_STATUS, httpStatus);
            }
            if (errorType != null) {
                span.setAttribute(SpanNames.ERROR_TYPE, errorType);
            }
            if (!FINE.contains(outcome) || errorType != null) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
