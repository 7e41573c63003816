package dev.meridian.bench;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The load benchmark's command-line options, and the lines describing them at the head of the report. */
final class LoadOptions {

    @Option(names = "--targets", split = ",", description = "Targets, in round order (default: ${DEFAULT-VALUE}).")
    List<String> targets = List.of(Target.DIRECT, Target.GATEWAY, Target.NGINX, Target.GATEWAY_ANTHROPIC);

    @Option(names = "--scenarios", split = ",", description = "non-stream, stream (default: ${DEFAULT-VALUE}).")
    List<String> scenarios = List.of("non-stream", "stream");

    @Option(names = "--concurrency", split = ",", description = "Connections (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrency = List.of(1, 8, 64);

    @Option(
            names = "--rounds",
            description = "Rounds per scenario and concurrency; 0 measures readiness and memory"
                    + " only (default: ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(
            names = "--warmup",
            description = "Seconds of unmeasured load before each window (default: ${DEFAULT-VALUE}).")
    double warmupSeconds = 1;

    @Option(names = "--duration", description = "Seconds per measurement window (default: ${DEFAULT-VALUE}).")
    double durationSeconds = 3;

    @Option(
            names = "--initial-warmup",
            description = "Seconds per target and scenario at 8 connections before"
                    + " the first round, for the JIT (default: ${DEFAULT-VALUE}).")
    double initialWarmupSeconds = 15;

    @Option(
            names = "--max-requests",
            description = "Cap on requests per run, warm-up included (default: ${DEFAULT-VALUE}).")
    long maxRequests = 2_000_000;

    @Option(names = "--readiness-runs", description = "Gateway cold starts timed (default: ${DEFAULT-VALUE}).")
    int readinessRuns = 5;

    @Option(
            names = "--readiness-appcds",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Also time the starts with an AppCDS" + " archive, for information (default: ${DEFAULT-VALUE}).")
    boolean readinessAppCds = true;

    @Option(names = "--gateway-jvm", description = "JVM flags of the gateway (default: ${DEFAULT-VALUE}).")
    String gatewayJvm = "-Xms128m -Xmx256m -Xmn96m -XX:+UseSerialGC";

    @Option(names = "--sim-jvm", description = "JVM flags of the simulator (default: ${DEFAULT-VALUE}).")
    String simJvm = "-Xms512m -Xmx512m -XX:+UseParallelGC";

    @Option(names = "--sim-instances", description = "Simulator event loops (default: ${DEFAULT-VALUE}).")
    int simInstances = 2;

    @Option(names = "--access-log", description = "Keep the gateway's access log on (written to its log file).")
    boolean accessLog;

    @Option(names = "--nginx", description = "nginx binary (default: ${DEFAULT-VALUE}).")
    String nginx = "nginx";

    @Option(names = "--nginx-workers", description = "nginx worker_processes (default: ${DEFAULT-VALUE}).")
    String nginxWorkers = "auto";

    @Option(names = "--sim-port", description = "(default: ${DEFAULT-VALUE})")
    int simPort = 18100;

    @Option(names = "--gateway-port", description = "(default: ${DEFAULT-VALUE})")
    int gatewayPort = 18180;

    @Option(names = "--nginx-port", description = "(default: ${DEFAULT-VALUE})")
    int nginxPort = 18181;

    @Option(
            names = "--gateway-nolog-port",
            description =
                    "The gateway with the request log off, for target" + " gateway-nolog (default: ${DEFAULT-VALUE}).")
    int gatewayNologPort = 18182;

    @Option(
            names = "--profile-seconds",
            description =
                    "After the rounds, record the gateway with JFR for this many"
                            + " seconds per route and scenario at 8 connections and summarise it; 0 = off (default: ${DEFAULT-VALUE}).")
    double profileSeconds = 0;

    @Option(names = "--repo", description = "Repository root holding the built jars (default: ${DEFAULT-VALUE}).")
    Path repo = Path.of(".");

    /** Whether target gateway-nolog was asked for, so a second gateway with the request log off is needed. */
    boolean nolog() {
        return targets.contains(Target.GATEWAY_NOLOG);
    }

    /** How the run is set up, one line each, for the head of the report. */
    List<String> settings() {
        return List.of(
                "gateway JVM: `" + gatewayJvm + "`; event loops: default (one per core); access log: "
                        + (accessLog ? "on (to a file)" : "off") + "; request log: on (SQLite in the gateway's own"
                        + " MERIDIAN_HOME), off for gateway-nolog (a second gateway process, same configuration)",
                "simulator JVM: `" + simJvm + "`, " + simInstances + " event loops, `--no-record`",
                "nginx: `worker_processes " + nginxWorkers + "`, upstream keepalive 128, HTTP/1.1, proxy_buffering off,"
                        + " access_log off",
                "load generator: this JVM, one Vert.x event loop, closed loop, HTTP/1.1 keep-alive",
                "rounds: " + rounds + " × (" + warmupSeconds + " s warm-up + " + durationSeconds
                        + " s measured) per target, targets interleaved " + String.join(" → ", targets)
                        + "; initial warm-up " + initialWarmupSeconds + " s per target and scenario",
                "scenarios: " + String.join(", ", scenarios) + "; connections: " + concurrency);
    }
}
