package dev.meridian.core.routing;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * How one request was routed, as a value: the decisions made before any call (residency rule, smart choice,
 * degradation) and what the attempt loop did (the group and deployment that served, every step tried). The
 * response headers and the request log are both written from it.
 *
 * @param group          the model group that served, or the last one tried when none did
 * @param deployment     the deployment whose answer the caller got, or null
 * @param attempts       calls made to deployments (hedges and retries included)
 * @param fallbacks      fallback groups moved to
 * @param fallbackReason the failure class that caused the last fallback ({@code unavailable} when the group had
 *                       no usable deployment), or null
 * @param hedgeWon       whether the answer came from a hedged attempt
 */
public record RoutingTrace(
        String group,
        String deployment,
        int attempts,
        int fallbacks,
        List<Step> steps,
        String fallbackReason,
        boolean hedgeWon) {

    public RoutingTrace {
        steps = List.copyOf(steps);
    }

    /** One thing the attempt loop did. */
    public record Step(Kind kind, String target, int status) {

        public enum Kind {
            ANSWERED,
            FAILED,
            TIMED_OUT,
            CANCELLED,
            HEDGE,
            FALLBACK
        }

        public static Step of(Kind kind, String target) {
            return new Step(kind, target, 0);
        }

        @Override
        public String toString() {
            return switch (kind) {
                case ANSWERED, FAILED -> target + ":" + status;
                case TIMED_OUT -> target + ":" + status + " timeout";
                case CANCELLED -> target + ":cancelled";
                case HEDGE -> target + ":hedge";
                case FALLBACK -> "fallback:" + target;
            };
        }
    }

    /** The steps as one line ({@code a:502, b:200}), or null when there was only one: nothing to tell. */
    public String attemptTrace() {
        if (steps.size() < 2) {
            return null;
        }
        StringBuilder line = new StringBuilder(16 * steps.size());
        for (Step step : steps) {
            if (line.length() > 0) {
                line.append(", ");
            }
            line.append(step);
        }
        return line.toString();
    }

    /** The {@code x-meridian-*} response headers that say what happened. */
    public void headers(BiConsumer<String, String> out) {
        if (fallbackReason != null) {
            out.accept("x-meridian-fallback", fallbackReason);
        }
        if (hedgeWon) {
            out.accept("x-meridian-hedged", "true");
        }
        out.accept("x-meridian-model-group", group);
        if (deployment != null) {
            out.accept("x-meridian-deployment", deployment);
        }
        out.accept("x-meridian-attempts", Integer.toString(attempts));
        String trace = attemptTrace();
        if (trace != null) {
            out.accept("x-meridian-attempt-trace", trace);
        }
    }
}
