package dev.meridian.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chaos benchmark: the simulator and a gateway with one model group of three deployments, under steady
 * closed-loop load while the simulator makes dep-a fail (500s, then hangs), with recoveries in between.
 * Reports per phase what the callers saw (failures, latency, which deployment served them) and how long the
 * gateway took to take dep-a out and bring it back, from its admin view polled every 100 ms. Exits 1 when a
 * caller saw a failure although a healthy deployment existed throughout.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Chaos benchmark: one deployment of a model group fails under load; failover and recovery.")
final class ChaosBenchmark implements Callable<Integer> {

    private static final String ADMIN_KEY = "sk-admin-chaos-bench";

    @Option(names = "--connections", description = "Non-stream callers (default: ${DEFAULT-VALUE}).")
    int connections = 12;

    @Option(names = "--stream-connections", description = "Stream callers, besides (default: ${DEFAULT-VALUE}).")
    int streamConnections = 4;

    @Option(
            names = "--warmup",
            description = "Seconds of unmeasured load before the baseline (default: ${DEFAULT-VALUE}).")
    double warmupSeconds = 10;

    @Option(names = "--baseline", description = "Seconds without faults (default: ${DEFAULT-VALUE}).")
    double baselineSeconds = 10;

    @Option(names = "--errors", description = "Seconds of dep-a answering 500 (default: ${DEFAULT-VALUE}).")
    double errorSeconds = 15;

    @Option(
            names = "--heal",
            description =
                    "Seconds without faults between the 500s and the hang, so the hang"
                            + " starts from a closed circuit; 0 = the hang follows the 500s at once (default: ${DEFAULT-VALUE}).")
    double healSeconds = 15;

    @Option(names = "--hang", description = "Seconds of dep-a never answering (default: ${DEFAULT-VALUE}).")
    double hangSeconds = 15;

    @Option(names = "--recovery", description = "Seconds without faults at the end (default: ${DEFAULT-VALUE}).")
    double recoverySeconds = 15;

    @Option(names = "--strategy", description = "The group's strategy (default: ${DEFAULT-VALUE}).")
    String strategy = "least-in-flight";

    @Option(names = "--max-attempts", description = "retry.maxAttempts of the group (default: ${DEFAULT-VALUE}).")
    int maxAttempts = 3;

    @Option(names = "--attempt-timeout", description = "retry.attemptTimeout of the group (default: ${DEFAULT-VALUE}).")
    String attemptTimeout = "1s";

    @Option(names = "--cooldown", description = "routing.breaker.cooldown (default: ${DEFAULT-VALUE}).")
    String cooldown = "5s";

    @Option(names = "--gateway-event-loops", description = "(default: ${DEFAULT-VALUE})")
    int gatewayEventLoops = 2;

    @Option(names = "--gateway-jvm", description = "JVM flags of the gateway (default: ${DEFAULT-VALUE}).")
    String gatewayJvm = "";

    @Option(names = "--sim-jvm", description = "JVM flags of the simulator (default: ${DEFAULT-VALUE}).")
    String simJvm = "-Xms256m -Xmx256m -XX:+UseParallelGC";

    @Option(names = "--sim-port", description = "(default: ${DEFAULT-VALUE})")
    int simPort = 18200;

    @Option(names = "--gateway-port", description = "(default: ${DEFAULT-VALUE})")
    int gatewayPort = 18280;

    @Option(names = "--max-requests", description = "Cap on requests per caller group (default: ${DEFAULT-VALUE}).")
    long maxRequests = 5_000_000;

    @Option(names = "--repo", description = "Repository root holding the built jars (default: ${DEFAULT-VALUE}).")
    Path repo = Path.of(".");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Override
    public Integer call() throws Exception {
        GatewayLaunch launch = GatewayLaunch.of(repo, gatewayJvm);
        Path simJar = BenchProcesses.requireJar(repo, BenchProcesses.SIMULATOR_JAR);
        Path out = BenchProcesses.outputDirectory(repo, "chaos");
        BenchProcesses.requireFreePorts(simPort, gatewayPort);
        List<ChaosPhase> phases = phases();
        System.out.println("Writing to " + out);
        try (BenchProcesses processes = new BenchProcesses(out)) {
            processes.simulator(simJvm, simJar, simPort, 1);
            Path config = ServerConfigs.chaosGateway(
                    out,
                    gatewayPort,
                    simPort,
                    gatewayEventLoops,
                    strategy,
                    maxAttempts,
                    attemptTimeout,
                    cooldown,
                    ADMIN_KEY);
            ChildProcess gateway = processes.gateway("gateway", launch, "", config, gatewayPort);
            Target target =
                    new Target(Target.GATEWAY, gatewayPort, ServerConfigs.CHAOS_MODEL, ServerConfigs.GATEWAY_KEY, null);
            ChaosRun run = new ChaosRun(phases);
            try (LoadGenerator generator = new LoadGenerator();
                    DeploymentWatch watch = new DeploymentWatch(
                            gatewayPort, ADMIN_KEY, ServerConfigs.CHAOS_MODEL, Duration.ofMillis(100))) {
                clearFaults();
                List<LoadGenerator.Run> load = new ArrayList<>();
                load.add(generator.start(target, Scenario.NON_STREAM, connections, maxRequests, run::answered));
                if (streamConnections > 0) {
                    load.add(generator.start(target, Scenario.STREAM, streamConnections, maxRequests, run::answered));
                }
                sleepSeconds(warmupSeconds);
                for (int i = 0; i < phases.size(); i++) {
                    ChaosPhase phase = phases.get(i);
                    clearFaults();
                    if (phase.faulty()) {
                        postFault(phase.fault());
                    }
                    run.begin(i, System.nanoTime());
                    System.out.printf("phase %-20s %4.0f s%n", phase.name(), phase.seconds());
                    sleepSeconds(phase.seconds());
                    gateway.checkAlive();
                }
                run.end(System.nanoTime());
                clearFaults();
                for (LoadGenerator.Run r : load) {
                    r.stop();
                }
                gateway.checkAlive();
                ChaosReport report = new ChaosReport(Machine.describe("nginx"), settings(), run, watch);
                String markdown = report.markdown();
                System.out.println();
                System.out.println(markdown);
                Files.writeString(out.resolve("results.md"), markdown);
                System.out.println("Results: " + out.resolve("results.md"));
                return report.passed() ? 0 : 1;
            }
        }
    }

    private List<ChaosPhase> phases() {
        List<ChaosPhase> phases = new ArrayList<>();
        phases.add(ChaosPhase.healthy("baseline", baselineSeconds));
        phases.add(ChaosPhase.errors(500, errorSeconds));
        if (healSeconds > 0) {
            phases.add(ChaosPhase.healthy("recovery after 500s", healSeconds));
        }
        phases.add(ChaosPhase.hang(hangSeconds));
        phases.add(ChaosPhase.healthy("recovery after hang", recoverySeconds));
        return phases;
    }

    private List<String> settings() {
        return List.of(
                "gateway: model group `chaos` of dep-a, dep-b, dep-c (one simulator, upstream models chaos-a/b/c),"
                        + " strategy `" + strategy + "`, retry maxAttempts " + maxAttempts + ", attemptTimeout "
                        + attemptTimeout + "; breaker consecutiveFailures 5, errorRate 0.5, minRequests 20,"
                        + " window 10s, cooldown " + cooldown + "; health checks every 1s (timeout 500ms,"
                        + " unhealthy after 3, healthy after 2)",
                "gateway JVM: `" + gatewayJvm + "`, " + gatewayEventLoops + " event loops; simulator JVM: `" + simJvm
                        + "`, 1 event loop, `--no-record`",
                "load: closed loop from this JVM (one Vert.x event loop), " + connections + " non-stream + "
                        + streamConnections + " stream callers, HTTP/1.1 keep-alive, the load benchmark's ~1 KB"
                        + " conversation answered with 64 tokens; " + warmupSeconds + " s unmeasured warm-up",
                "faults: simulator queued faults for model chaos-a on /v1/chat (`times: -1`), set and cleared through"
                        + " /_sim/faults at each phase start; answers count in the phase in which they end",
                "admin view: GET /admin/v1/deployments polled every 100 ms; detection = first poll after the"
                        + " fault showing dep-a's circuit open or dep-a unhealthy; recovery = first poll after the"
                        + " faults were cleared showing dep-a's circuit closed and dep-a healthy (and, apart, also"
                        + " available); serving again = first good answer from dep-a after the faults were cleared");
    }

    private void postFault(String json) throws Exception {
        control(HttpRequest.newBuilder(simUri())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private void clearFaults() throws Exception {
        control(HttpRequest.newBuilder(simUri()).DELETE());
    }

    private void control(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "simulator control call failed: " + response.statusCode() + " " + response.body());
        }
    }

    private URI simUri() {
        return URI.create("http://127.0.0.1:" + simPort + "/_sim/faults");
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
    }
}
