package dev.meridian.bench;

import static dev.meridian.bench.BenchProcesses.javaCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Times the gateway's cold starts, spawn to the first 200 from /health/ready (polled every 5 ms), one start
 * after another on the gateway's port, sharing one data directory as restarts of a gateway do.
 */
final class ReadinessTimer {

    private final LoadOptions options;
    private final BenchProcesses processes;
    private final Path out;
    private final Path gatewayJar;
    private final Path config;

    ReadinessTimer(LoadOptions options, BenchProcesses processes, Path out, Path gatewayJar, Path config) {
        this.options = options;
        this.processes = processes;
        this.out = out;
        this.gatewayJar = gatewayJar;
        this.config = config;
    }

    /** The plain starts, in ms, {@code --readiness-runs} of them. */
    List<Double> coldStarts() throws InterruptedException {
        return measure("readiness", serve(options.gatewayJvm));
    }

    /**
     * The same starts with an application class-data-sharing archive, for information: one training start
     * writes the archive at exit ({@code -XX:ArchiveClassesAtExit}), the timed starts map it.
     */
    List<Double> coldStartsWithAppCds() throws InterruptedException {
        Path archive = out.resolve("gateway-appcds.jsa");
        ChildProcess training = processes.spawnGateway(
                "gateway-appcds-training",
                serve(options.gatewayJvm + " -XX:ArchiveClassesAtExit=" + archive),
                processes.gatewayHome("gateway-appcds-training"));
        Readiness.await(training, options.gatewayPort, "/health/ready", 5, Duration.ofSeconds(30));
        processes.stop(training);
        BenchProcesses.waitForPort(options.gatewayPort);
        return measure("readiness-appcds", serve(options.gatewayJvm + " -XX:SharedArchiveFile=" + archive));
    }

    /** Cold starts of {@code command}, one after another, sharing one data directory as restarts of a gateway do. */
    private List<Double> measure(String label, List<String> command) throws InterruptedException {
        List<Double> millis = new ArrayList<>();
        Path home = processes.gatewayHome(label);
        for (int i = 1; i <= options.readinessRuns; i++) {
            ChildProcess p = processes.spawnGateway(label + "-" + i, command, home);
            long ready = Readiness.await(p, options.gatewayPort, "/health/ready", 5, Duration.ofSeconds(30));
            millis.add((ready - p.spawnNanos()) / 1e6);
            processes.stop(p);
            System.out.printf("%s run %d: %.0f ms%n", label, i, millis.get(millis.size() - 1));
            BenchProcesses.waitForPort(options.gatewayPort);
        }
        return millis;
    }

    private List<String> serve(String jvmFlags) {
        return javaCommand(jvmFlags, gatewayJar, "serve", "--config", config.toString());
    }
}
