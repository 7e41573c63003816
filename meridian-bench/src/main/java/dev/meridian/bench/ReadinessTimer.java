package dev.meridian.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the gateway's cold starts, spawn to the first 200 from /health/ready (polled every 5 ms), one start
 * after another on the gateway's port, as restarts of one installation: they share a data directory and the
 * launcher's class-data archive. The first start finds no archive and records one when it stops; the later starts
 * map it, as every start after an installation's first does.
 */
final class ReadinessTimer {

    /**
     * The starts, in ms.
     *
     * @param first      the first start, which records the class-data archive
     * @param later      the {@code --readiness-runs} starts after it, which map the archive
     * @param idleRssKib the last start's resident memory after {@link #IDLE} without a request
     */
    record Starts(double first, List<Double> later, long idleRssKib) {}

    /** How long a started gateway sits idle before its memory is read. */
    static final Duration IDLE = Duration.ofSeconds(5);

    private final LoadOptions options;
    private final BenchProcesses processes;
    private final GatewayLaunch launch;
    private final Path config;

    ReadinessTimer(LoadOptions options, BenchProcesses processes, GatewayLaunch launch, Path config) {
        this.options = options;
        this.processes = processes;
        this.launch = launch;
        this.config = config;
    }

    Starts coldStarts() throws InterruptedException {
        Path home = processes.gatewayHome("readiness");
        Path archive = home.resolve("meridian.jsa");
        long[] idleRss = {0};
        double first = start("readiness-first", home, archive, null);
        List<Double> later = new ArrayList<>();
        for (int i = 1; i <= options.readinessRuns; i++) {
            later.add(start("readiness-" + i, home, archive, i == options.readinessRuns ? idleRss : null));
        }
        return new Starts(first, later, idleRss[0]);
    }

    /** One start, timed; when {@code idleRss} is given, the gateway then idles and its resident memory goes there. */
    private double start(String label, Path home, Path archive, long[] idleRss) throws InterruptedException {
        ChildProcess p = processes.spawnGateway(label, launch, config, home, archive, "");
        long ready = Readiness.await(p, options.gatewayPort, "/health/ready", 5, Duration.ofSeconds(30));
        double millis = (ready - p.spawnNanos()) / 1e6;
        if (idleRss != null) {
            Thread.sleep(IDLE.toMillis()); // the measurement: a gateway that serves nothing for a while
            idleRss[0] = ProcStats.memory(p.pid()).rssKib();
        }
        processes.stop(p);
        System.out.printf("%s: %.0f ms%n", label, millis);
        BenchProcesses.waitForPort(options.gatewayPort);
        return millis;
    }
}
