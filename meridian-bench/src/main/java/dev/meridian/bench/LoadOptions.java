package dev.meridian.bench;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The load benchmark's command-line options, and the lines describing them at the head of the report. */
final class LoadOptions {

    @Option(names = "--targets", split = ",", description = "Targets, in round order (default: ${DEFAULT-VALUE}).")
    List<String> targets =
            List.of(Target.DIRECT, Target.GATEWAY, Target.GATEWAY_LEAN, Target.NGINX, Target.GATEWAY_ANTHROPIC);

    @Option(names = "--scenarios", split = ",", description = "non-stream, stream (default: ${DEFAULT-VALUE}).")
    List<String> scenarios = List.of("non-stream", "stream");

    @Option(names = "--concurrency", split = ",", description = "Connections (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrency = List.of(1, 8, 64);

    @Option(
            names = "--rounds",
            description = "Rounds per scenario and concurrency in each start; 0 measures readiness and memory"
                    + " only (default: ${DEFAULT-VALUE}).")
    int rounds = 2;

    @Option(
            names = "--starts",
            description = "Times the gateways are started, each warmed up and measured for --rounds rounds: one"
                    + " JVM start can cost 10-25 %% more CPU per request than another of the same configuration for"
                    + " as long as it runs, so CPU ratios are taken start by start and judged on their median"
                    + " (default: ${DEFAULT-VALUE}).")
    int starts = 3;

    @Option(
            names = "--warmup",
            description = "Seconds of unmeasured load before each window (default: ${DEFAULT-VALUE}).")
    double warmupSeconds = 1;

    @Option(names = "--duration", description = "Seconds per measurement window (default: ${DEFAULT-VALUE}).")
    double durationSeconds = 3;

    @Option(
            names = "--initial-warmup",
            description = "Seconds per target and scenario at 8 connections before the first round, for the JIT:"
                    + " C2 still compiles for 30-60 s of load, and its time would count per request"
                    + " (default: ${DEFAULT-VALUE}).")
    double initialWarmupSeconds = 60;

    @Option(
            names = "--max-requests",
            description = "Cap on requests per run, warm-up included (default: ${DEFAULT-VALUE}).")
    long maxRequests = 6_000_000;

    @Option(
            names = "--readiness-runs",
            description = "Gateway cold starts timed after the first, which records the class-data archive"
                    + " (default: ${DEFAULT-VALUE}).")
    int readinessRuns = 5;

    @Option(
            names = "--gateway-jvm",
            description = "JVM flags of the gateway, replacing the launcher's defaults; none by default, so the"
                    + " gateway runs as the README starts it (default: '${DEFAULT-VALUE}').")
    String gatewayJvm = "";

    @Option(names = "--sim-jvm", description = "JVM flags of the simulator (default: ${DEFAULT-VALUE}).")
    String simJvm = "-Xms512m -Xmx512m -XX:+UseParallelGC";

    @Option(names = "--sim-instances", description = "Simulator event loops (default: ${DEFAULT-VALUE}).")
    int simInstances = 2;

    @Option(
            names = "--access-log",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "The gateway's access log, on by default as in the default configuration (written to its"
                    + " log file); --no-access-log turns it off.")
    boolean accessLog = true;

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
            names = "--gateway-lean-port",
            description = "The gateway with the access log and request log off, for target gateway-lean"
                    + " (default: ${DEFAULT-VALUE}).")
    int gatewayLeanPort = 18182;

    @Option(
            names = "--gateway-redis-port",
            description = "The default gateway with redis.url set (the Redis at 127.0.0.1:6379), for target"
                    + " gateway-limits-redis (default: ${DEFAULT-VALUE}).")
    int gatewayRedisPort = 18183;

    @Option(
            names = "--gateway-cache-redis-port",
            description = "The default gateway whose cache hits all come from Redis, for target gateway-cache-redis"
                    + " (default: ${DEFAULT-VALUE}).")
    int gatewayCacheRedisPort = 18184;

    @Option(
            names = "--upstream",
            description = "What the gateway and nginx proxy to: simulator (the provider simulator), or nginx (Debian's"
                    + " nginx answering fixed JSON and SSE, no model list) (default: ${DEFAULT-VALUE}).")
    String upstream = "simulator";

    @Option(
            names = "--profile-seconds",
            description =
                    "After the rounds, record the gateway with JFR for this many"
                            + " seconds per route and scenario at 8 connections and summarise it; 0 = off (default: ${DEFAULT-VALUE}).")
    double profileSeconds = 0;

    @Option(
            names = "--wrk-seconds",
            description = "After the rounds, measure latency at one connection with wrk too, this many seconds per"
                    + " target, scenario and round; 0 = off (default: ${DEFAULT-VALUE}).")
    int wrkSeconds = 5;

    @Option(names = "--wrk", description = "wrk binary (default: ${DEFAULT-VALUE}).")
    String wrk = "wrk";

    @Option(names = "--repo", description = "Repository root holding the built jars (default: ${DEFAULT-VALUE}).")
    Path repo = Path.of(".");

    /**
     * Whether target gateway-limits-redis or gateway-cache-redis was asked for, so a gateway with Redis is needed (it
     * counts the limits of the one and stores the answer the other reads).
     */
    boolean redis() {
        return activeTargets().contains(Target.GATEWAY_LIMITS_REDIS)
                || activeTargets().contains(Target.GATEWAY_CACHE_REDIS);
    }

    /** Whether target gateway-lean was asked for, so a second gateway with both logs off is needed. */
    boolean lean() {
        return activeTargets().contains(Target.GATEWAY_LEAN);
    }

    /** The targets to measure: gateway-anthropic is left out with an nginx upstream, which has no Anthropic answers. */
    List<String> activeTargets() {
        return nginxUpstream()
                ? targets.stream()
                        .filter(t -> !t.equals(Target.GATEWAY_ANTHROPIC))
                        .toList()
                : targets;
    }

    /** Whether the upstream is nginx with fixed answers rather than the simulator. */
    boolean nginxUpstream() {
        return switch (upstream) {
            case "nginx" -> true;
            case "simulator" -> false;
            default -> throw new IllegalArgumentException("--upstream: simulator or nginx, not '" + upstream + "'");
        };
    }

    /** How the run is set up, one line each, for the head of the report. */
    List<String> settings() {
        return List.of(
                "gateway JVM: " + GatewayLaunch.of(repo, gatewayJvm).describe()
                        + "; event loops: default (one per core); access log: "
                        + (accessLog ? "on (to a file)" : "off") + "; request log: on (SQLite in the gateway's own"
                        + " MERIDIAN_HOME); gateway-lean: both off (a second gateway process, same configuration)",
                nginxUpstream()
                        ? "upstream: nginx serving a fixed JSON completion and a fixed 64-token SSE stream, no model list;"
                                + " for the cached group a 2 KB completion and the same text in 64 chunks"
                        : "upstream: the simulator, JVM `" + simJvm + "`, " + simInstances
                                + " event loops, `--no-record`",
                "nginx: `worker_processes " + nginxWorkers + "`, upstream keepalive 128, HTTP/1.1, proxy_buffering off,"
                        + " access_log off",
                "load generator: this JVM, one Vert.x event loop, closed loop, HTTP/1.1 keep-alive",
                "starts: " + starts + " of every gateway, each with an initial warm-up of " + initialWarmupSeconds
                        + " s per target and scenario, then " + rounds + " rounds × (" + warmupSeconds
                        + " s warm-up + " + durationSeconds + " s measured) per target, targets interleaved "
                        + String.join(" → ", activeTargets()) + "; CPU ratios taken start by start and judged on"
                        + " their median",
                "scenarios: " + String.join(", ", scenarios) + "; connections: " + concurrency);
    }
}
