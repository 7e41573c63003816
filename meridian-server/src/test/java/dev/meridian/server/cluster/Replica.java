package dev.meridian.server.cluster;

import dev.meridian.testkit.Poll;
import dev.meridian.testkit.ReadyProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One gateway process: the real jar, on its own port and {@code MERIDIAN_HOME} (so its request-log journal survives
 * a kill and is replayed by the next start), with the cluster's one configuration. Its output goes to
 * {@code gateway.out} in its home.
 */
public final class Replica {

    private static final Duration START = Duration.ofSeconds(60);

    private final int index;
    private final int port;
    private final Path home;
    private final Path config;
    private Path jar;
    private Process process;

    Replica(int index, int port, Path home, Path config, Path jar) {
        this.index = index;
        this.port = port;
        this.home = home;
        this.config = config;
        this.jar = jar;
    }

    public int index() {
        return index;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The jar the next start runs: for a rolling upgrade, or a roll-back, one replica at a time. */
    public void runs(Path jar) {
        if (running()) {
            throw new IllegalStateException("replica " + index + " runs; stop it before changing its jar");
        }
        this.jar = jar;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    void launch() throws IOException {
        if (running()) {
            throw new IllegalStateException("replica " + index + " is already running");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(
                        java.toString(), "-Xmx256m", "-jar", jar.toString(), "serve", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("gateway.out").toFile()));
        pb.environment().put("MERIDIAN_HOME", home.toString());
        process = pb.start();
    }

    /** Waits until {@code /health/ready} answers 200, failing with the process's output if it does not. */
    void awaitReady() {
        try {
            Poll.until(
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("replica " + index + " exited: " + output());
                        }
                        return ReadyProbe.ready(port);
                    },
                    START,
                    "replica " + index + " is ready");
        } catch (AssertionError notStarted) {
            throw new AssertionError("replica " + index + " did not start: " + output(), notStarted);
        }
    }

    public void start() throws IOException {
        launch();
        awaitReady();
    }

    /** {@code kill -9}: no drain, no flush; what it journaled waits for the next start. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then waits for the drain to end and the process to exit. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("replica " + index + " did not exit within 60 s of SIGTERM");
        }
    }

    /** What the process printed (all of its starts). */
    public String output() {
        try {
            return Files.readString(home.resolve("gateway.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    void destroy() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
