package dev.meridian.bench;

/** Samples a process's VmRSS every 100 ms while recording is on, keeping the largest value. */
final class MemorySampler implements AutoCloseable {

    private final Thread thread;
    private volatile boolean recording;
    private volatile boolean closed;
    private volatile long maxRssKib;

    /** Starts sampling process {@code pid} on a daemon thread, with recording off; it stops when the process is gone. */
    MemorySampler(long pid) {
        thread = new Thread(
                () -> {
                    while (!closed) {
                        if (recording) {
                            try {
                                maxRssKib = Math.max(
                                        maxRssKib, ProcStats.memory(pid).rssKib());
                            } catch (RuntimeException gone) {
                                return;
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
