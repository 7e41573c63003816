package dev.meridian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The servers one benchmark run starts, each a {@link ChildProcess} logging into the run's directory, stopped
 * in reverse order by {@link #close()} (also from a shutdown hook, so Ctrl-C leaves no stray JVMs). Not
 * thread-safe apart from {@link #close()}.
 */
final class BenchProcesses implements AutoCloseable {

    static final String GATEWAY_JAR = "meridian-server/target/meridian.jar";
    static final String SIMULATOR_JAR = "meridian-simulator/target/meridian-simulator-0.1.0-SNAPSHOT-standalone.jar";

    private final Path out;
    private final List<ChildProcess> started = new ArrayList<>();
    private final Thread cleanup = new Thread(this::close, "bench-cleanup");

    BenchProcesses(Path out) {
        this.out = out;
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** A fresh {@code meridian-bench/target/<kind>-<timestamp>} directory under {@code repo}. */
    static Path outputDirectory(Path repo, String kind) throws java.io.IOException {
        Path dir = repo.resolve("meridian-bench/target/" + kind + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                .toAbsolutePath();
        return Files.createDirectories(dir);
    }

    /** Throws naming the port when something already listens on one of {@code ports}. */
    static void requireFreePorts(int... ports) {
        for (int port : ports) {
            if (!Readiness.portFree(port)) {
                throw new IllegalStateException("port " + port + " is in use; choose others with --*-port");
            }
        }
    }

    static Path requireJar(Path repo, String relative) {
        Path jar = repo.resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build first with ./mvnw -B -q -DskipTests install");
        }
        return jar;
    }

    /** {@code java <jvmFlags> -jar <jar> <args>} with this JVM's java binary. */
    static List<String> javaCommand(String jvmFlags, Path jar, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmFlags.isBlank()) {
            cmd.addAll(Arrays.asList(jvmFlags.trim().split("\\s+")));
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    ChildProcess spawn(String name, List<String> command) {
        return spawn(name, command, Map.of());
    }

    /**
     * Spawns a gateway through {@code launch} whose data directory (MERIDIAN_HOME: its SQLite database and
     * request-log journal) is {@code home}, so gateways of one run, or of two runs, never share a database or a
     * journal, and whose class-data archive is {@code archive}.
     */
    ChildProcess spawnGateway(
            String name, GatewayLaunch launch, Path config, Path home, Path archive, String extraFlags) {
        return spawn(name, launch.command(config), launch.environment(home, archive, extraFlags));
    }

    /** A new, empty data directory for a gateway, {@code <run directory>/<name>-home-<random>}. */
    Path gatewayHome(String name) {
        try {
            return Files.createTempDirectory(out, name + "-home-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a data directory in " + out, e);
        }
    }

    private ChildProcess spawn(String name, List<String> command, Map<String, String> environment) {
        ChildProcess p = ChildProcess.start(name, command, out.resolve(name + ".log"), environment);
        synchronized (this) {
            started.add(p);
        }
        return p;
    }

    /** Starts the standalone simulator on 127.0.0.1:{@code port} without recording and waits until it answers. */
    ChildProcess simulator(String jvmFlags, Path jar, int port, int instances) throws InterruptedException {
        ChildProcess sim = spawn(
                "simulator",
                javaCommand(
                        jvmFlags,
                        jar,
                        "--port",
                        Integer.toString(port),
                        "--host",
                        "127.0.0.1",
                        "--no-record",
                        "--instances",
                        Integer.toString(instances)));
        Readiness.await(sim, port, "/_sim/health", 5, Duration.ofSeconds(30));
        return sim;
    }

    /**
     * Starts {@code serve --config config} through {@code launch} with a fresh data directory and class-data
     * archive of its own, plus {@code extraFlags}, and waits until it reports ready.
     */
    ChildProcess gateway(String name, GatewayLaunch launch, String extraFlags, Path config, int port)
            throws InterruptedException {
        Path home = gatewayHome(name);
        ChildProcess gateway = spawnGateway(name, launch, config, home, home.resolve("meridian.jsa"), extraFlags);
        Readiness.await(gateway, port, "/health/ready", 5, Duration.ofSeconds(30));
        return gateway;
    }

    /** Stops {@code p} and forgets it. */
    synchronized void stop(ChildProcess p) {
        p.close();
        started.remove(p);
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
        if (Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run; nothing left to remove.
            }
        }
    }

    /** Waits up to 5 s for {@code port} to be free again after a server on it stopped. */
    static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 500 && !Readiness.portFree(port); i++) {
            Thread.sleep(10);
        }
    }
}
