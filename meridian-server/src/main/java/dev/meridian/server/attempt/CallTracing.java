package dev.meridian.server.attempt;

import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.server.attempt.AttemptHook.AttemptInfo;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.routing.Route;

/**
 * The trace of each call to a provider: a span per call, and the trace context sent with it. {@link #NONE} (traces
 * off) does nothing and allocates nothing; the {@code tracing} package supplies the real one.
 */
public interface CallTracing {

    CallTracing NONE = (ctx, attempt, route) -> Span.NONE;

    /** A call to {@code attempt}'s deployment, at {@code route}, is about to be sent for {@code ctx}. Event loop. */
    Span start(RequestContext ctx, AttemptInfo attempt, Route route);

    /** One call's span. */
    interface Span {

        Span NONE = new Span() {
            @Override
            public UpstreamRequest propagate(UpstreamRequest request) {
                return request;
            }

            @Override
            public void end(String outcome, int httpStatus, String errorType) {}
        };

        /** The request to send: {@code request} with this call's trace context in its headers. */
        UpstreamRequest propagate(UpstreamRequest request);

        /**
         * The call ended; called once.
         *
         * @param outcome {@code success}, {@code lost_race} (a hedge race), {@code cancelled}, {@code rejected} (the
         *     request was at fault) or the failure class as the configuration names it ({@code serverError},
         *     {@code timeout}, {@code rateLimit}, ...)
         * @param httpStatus the provider's HTTP status, 0 when none arrived
         * @param errorType the gateway's error code of a failed call, or null
         */
        void end(String outcome, int httpStatus, String errorType);
    }
}
