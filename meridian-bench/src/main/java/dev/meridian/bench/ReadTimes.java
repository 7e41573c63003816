package dev.meridian.bench;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One read's times, as the request-log read checks take them: three unmeasured runs to warm caches and the JIT,
 * then eleven timed ones. Shared by the PostgreSQL and SQLite read checks so both judge reads the same way.
 *
 * @param medianMs the median of the timed runs
 * @param maxMs    the slowest timed run
 */
record ReadTimes(double medianMs, double maxMs) {

    private static final int WARM_RUNS = 3;
    private static final int TIMED_RUNS = 11;

    static ReadTimes of(Supplier<?> read) {
        for (int i = 0; i < WARM_RUNS; i++) {
            read.get();
        }
        double[] ms = new double[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            long t0 = System.nanoTime();
            read.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new ReadTimes(ms[TIMED_RUNS / 2], ms[TIMED_RUNS - 1]);
    }
}
