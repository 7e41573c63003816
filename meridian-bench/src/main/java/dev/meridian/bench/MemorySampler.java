package dev.meridian.bench;

/**
 * Samples a process's VmRSS every 100 ms while recording is on, keeping the largest value. The process is asked for
 * at every sample, so it may be replaced by another (a restarted gateway); a sample of a process that is gone is
 * skipped.
 */
final class MemorySampler implements AutoCloseable {

    private final Thread thread;
    private volatile boolean recording;
    private volatile boolean closed;
    private volatile long maxRssKib;

    /** Starts sampling the process {@code pid} names on a daemon thread, with recording off. */
    MemorySampler(java.util.function.LongSupplier pid) {
        thread = new Thread(
                () -> {
                    while (!closed) {
                        if (recording) {
                            try {
                                maxRssKib = Math.max(
                                        maxRssKib,
                                        ProcStats.memory(pid.getAsLong()).rssKib());
                            } catch (RuntimeException gone) {
                                // Between a gateway's stop and its successor's start: nothing to sample.
                            }
                        }
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Turns sampling on or off; the largest value so far is kept either way. */
    void recording(boolean on) {
        recording = on;
    }

    /** The largest VmRSS sampled while recording, in KiB; 0 before the first sample. */
    long maxRssKib() {
        return maxRssKib;
    }

    /** Stops the sampling thread. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
