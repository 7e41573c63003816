package dev.meridian.bench;

import io.vertx.core.MultiMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the good answers of one run whose {@code x-meridian-cache} says what a cache target expects, so that a
 * "hit" target whose answers were not hits, or a "miss" target that hit, is seen in the progress lines rather than
 * measured as what it is not. Called on the load generator's event loop; read after the run.
 */
final class CacheStatusCount implements LoadGenerator.Observer {

    private final String expected;
    private final LongAdder answers = new LongAdder();
    private final LongAdder matching = new LongAdder();

    CacheStatusCount(String expected) {
        this.expected = expected;
    }

    @Override
    public void answered(long startNanos, long endNanos, int status, MultiMap headers, String error) {
        if (error == null && headers != null) {
            answers.increment();
            if (expected.equals(headers.get("x-meridian-cache"))) {
                matching.increment();
            }
        }
    }

    /** The share of answers as expected, in percent (100 when there were none). */
    double percent() {
        long n = answers.sum();
        return n == 0 ? 100 : 100.0 * matching.sum() / n;
    }

    /** For the progress line: {@code x-meridian-cache: hit 100.0 %}, flagged when under 99 %. */
    String describe() {
        double p = percent();
        return String.format("  x-meridian-cache: %s %.2f %%%s", expected, p, p < 99 ? " UNEXPECTED" : "");
    }
}
