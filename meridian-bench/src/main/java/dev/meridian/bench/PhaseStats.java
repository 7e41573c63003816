package dev.meridian.bench;

import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What the callers saw during one chaos phase: good answers with their latency, the deployment that served
 * them and how many attempts it took; failures by kind. Written on the load generator's event loop, read once
 * the load has stopped.
 */
final class PhaseStats {

    private final Histogram latency = new Histogram(60_000_000L, 3);
    private final Map<String, Long> servedBy = new TreeMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    private long ok;
    private long retried;
    private int maxAttempts;
    /** nanoTime of the first good answer served by {@link ChaosPhase#WATCHED}, or 0. */
    private long firstWatchedAnswer;

    void answered(long startNanos, long endNanos, int status, MultiMap headers, String error) {
        if (error != null) {
            failures.merge(error, 1L, Long::sum);
            return;
        }
        ok++;
        latency.recordValue(Math.min(latency.getHighestTrackableValue(), (endNanos - startNanos) / 1000));
        String deployment = headers.get("x-meridian-deployment");
        servedBy.merge(deployment == null ? "(no header)" : deployment, 1L, Long::sum);
        if (ChaosPhase.WATCHED.equals(deployment) && firstWatchedAnswer == 0) {
            firstWatchedAnswer = endNanos;
        }
        String attempts = headers.get("x-meridian-attempts");
        int n = attempts == null ? 1 : Integer.parseInt(attempts.trim());
        if (n > 1) {
            retried++;
        }
        maxAttempts = Math.max(maxAttempts, n);
    }

    long ok() {
        return ok;
    }

    long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Failure kind (e.g. "status 502", "stream without [DONE]", a connection error) → count. */
    Map<String, Long> failures() {
        return failures;
    }

    /** Good answers per {@code x-meridian-deployment}. */
    long servedBy(String deployment) {
        return servedBy.getOrDefault(deployment, 0L);
    }

    Map<String, Long> servedBy() {
        return servedBy;
    }

    long retried() {
        return retried;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    long firstWatchedAnswer() {
        return firstWatchedAnswer;
    }

    /** The latency percentile {@code p} of good answers in milliseconds, NaN without any. */
    double millis(double p) {
        return ok == 0 ? Double.NaN : latency.getValueAtPercentile(p) / 1000.0;
    }
}
