package dev.meridian.server.connection;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.metrics.GatewayMetrics;

/** What every {@link SlowClientGuard} keeps to: timeouts in nanoseconds, the two 408 answers, and its metrics. */
record GuardSettings(
        long headerNanos,
        long bodyStallNanos,
        long idleNanos,
        GuardSettings.Answer headerTimeout,
        GuardSettings.Answer bodyStalled,
        GatewayMetrics metrics) {

    /** A prepared raw answer and the error it renders. */
    record Answer(byte[] bytes, GatewayException error) {}

    long shortest() {
        return Math.min(headerNanos, Math.min(bodyStallNanos, idleNanos));
    }
}
