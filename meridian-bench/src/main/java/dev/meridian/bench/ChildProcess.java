package dev.meridian.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark started as its own OS process (so /proc reports its CPU and memory apart from the
 * load generator's), with stdout and stderr in a log file. {@link #close()} sends SIGTERM, waits, then kills.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final long spawnNanos;

    private ChildProcess(String name, Process process, Path log, long spawnNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.spawnNanos = spawnNanos;
    }

    /** Starts {@code command} with this process's environment plus {@code environment}. */
    static ChildProcess start(String name, List<String> command, Path log, Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(environment);
        try {
            long t0 = System.nanoTime();
            Process p = pb.start();
            return new ChildProcess(name, p, log, t0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** System.nanoTime() taken just before the process was spawned. */
    long spawnNanos() {
        return spawnNanos;
    }

    Path log() {
        return log;
    }

    /** Throws when the process has exited, naming its log, so a failed start is reported at once. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; see " + log);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
