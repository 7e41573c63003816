package dev.meridian.bench;

import static dev.meridian.bench.BenchProcesses.javaCommand;

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
 * The load benchmark: starts the provider simulator, the gateway and nginx as separate processes, measures
 * the gateway's readiness time, then drives the same requests at the simulator directly, through the gateway
 * (pass-through and Anthropic translation), through a second gateway with the request log off (target
 * {@code gateway-nolog}, started only when asked for) and through nginx, in interleaved rounds, and reports throughput,
 * latency percentiles, added latency over direct, CPU per request read from /proc and the gateway's memory,
 * with pass/fail against the targets. Run it from the repository root after {@code ./mvnw install}.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Load benchmark: simulator direct vs gateway vs nginx, from the same run.")
final class LoadBenchmark implements Callable<Integer> {

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

    private Path out;
    private ChildProcess simulator;
    private ChildProcess gateway;
    private ChildProcess gatewayNolog;
    private ChildProcess nginxProcess;
    private BenchProcesses processes;

    @Override
    public Integer call() throws Exception {
        Path gatewayJar = BenchProcesses.requireJar(repo, BenchProcesses.GATEWAY_JAR);
        Path simJar = BenchProcesses.requireJar(repo, BenchProcesses.SIMULATOR_JAR);
        out = BenchProcesses.outputDirectory(repo, "load");
        boolean nolog = targets.contains(Target.GATEWAY_NOLOG);
        BenchProcesses.requireFreePorts(simPort, gatewayPort, nginxPort);
        if (nolog) {
            BenchProcesses.requireFreePorts(gatewayNologPort);
        }
        processes = new BenchProcesses(out);
        Machine machine = Machine.describe(nginx);
        System.out.println("Writing to " + out);
        long[] machineStart = ProcStats.machine();
        try {
            simulator = processes.simulator(simJvm, simJar, simPort, simInstances);
            Path gatewayConfig =
                    ServerConfigs.gateway(out, "meridian-bench.yaml", gatewayPort, simPort, accessLog, true);
            // Let the simulator's JVM finish its own start-up work (JIT, GC) so it does not compete with the starts.
            Thread.sleep(2000);
            List<Double> readiness = measureReadiness("readiness", gatewayCommand(gatewayJar, gatewayConfig));
            List<Double> appCdsReadiness =
                    readinessAppCds ? measureReadinessWithAppCds(gatewayJar, gatewayConfig) : List.of();
            gateway = processes.gateway("gateway", gatewayJvm, gatewayJar, gatewayConfig, gatewayPort);
            if (nolog) {
                gatewayNolog = processes.gateway(
                        Target.GATEWAY_NOLOG,
                        gatewayJvm,
                        gatewayJar,
                        ServerConfigs.gateway(
                                out, "meridian-bench-nolog.yaml", gatewayNologPort, simPort, accessLog, false),
                        gatewayNologPort);
            }
            nginxProcess = spawn(
                    "nginx",
                    List.of(
                            nginx,
                            "-p",
                            out.toString(),
                            "-e",
                            out.resolve("error.log").toString(),
                            "-c",
                            ServerConfigs.nginx(out, nginxPort, simPort, nginxWorkers)
                                    .toString()));
            Readiness.await(nginxProcess, nginxPort, "/_sim/health", 5, Duration.ofSeconds(30));

            List<Target> order = targets.stream().map(this::target).toList();
            List<Scenario> scenarioList =
                    scenarios.stream().map(Scenario::parse).toList();
            MemorySampler memory = new MemorySampler(gateway.pid());
            List<Round> measured = new ArrayList<>();
            List<String> profiles = new ArrayList<>();
            try (LoadGenerator generator = new LoadGenerator()) {
                if (rounds > 0) {
                    warmUp(generator, order, scenarioList);
                }
                for (Scenario scenario : scenarioList) {
                    for (int connections : concurrency) {
                        memory.recording(connections >= 64);
                        for (int round = 1; round <= rounds; round++) {
                            for (Target target : order) {
                                Round r = measure(
                                        generator,
                                        target,
                                        scenario,
                                        connections,
                                        round,
                                        warmupSeconds,
                                        durationSeconds);
                                measured.add(r);
                                System.out.println(Report.progressLine(r));
                            }
                        }
                        memory.recording(false);
                    }
                }
                ProcStats.Memory gatewayMemory = ProcStats.memory(gateway.pid());
                if (profileSeconds > 0) {
                    // A fresh gateway with deeper JFR stacks (the default 64 frames cut Vert.x stacks short) and
                    // debug information at every instruction, without which JFR charges a sample to the nearest
                    // safepoint's method, often another method inlined into the same compiled code.
                    processes.stop(gateway);
                    BenchProcesses.waitForPort(gatewayPort);
                    gateway = processes.gateway(
                            "gateway-profiled",
                            gatewayJvm
                                    + " -XX:FlightRecorderOptions:stackdepth=256 -XX:+UnlockDiagnosticVMOptions"
                                    + " -XX:+DebugNonSafepoints",
                            gatewayJar,
                            gatewayConfig,
                            gatewayPort);
                    profiles.add(new GatewayProfiler(gateway, out, generator)
                            .profile(order, scenarioList, profileSeconds, initialWarmupSeconds));
                }
                memory.close();
                long[] machineEnd = ProcStats.machine();
                List<String> settings = new ArrayList<>(settings());
                long all = machineEnd[0] - machineStart[0];
                settings.add(String.format(
                        "whole machine during the run: %.0f %% busy, %.1f %% stolen by the hypervisor",
                        100.0 * (all - (machineEnd[1] - machineStart[1])) / all,
                        100.0 * (machineEnd[2] - machineStart[2]) / all));
                Report report = new Report(
                        machine,
                        settings,
                        measured,
                        readiness,
                        appCdsReadiness,
                        gatewayMemory,
                        memory.maxRssKib(),
                        String.join("\n", profiles));
                String markdown = report.markdown();
                System.out.println();
                System.out.println(markdown);
                Files.writeString(out.resolve("results.md"), markdown);
                report.writeJson(out.resolve("results.json"));
                System.out.println("Raw results: " + out.resolve("results.json"));
                return report.allPassed() ? 0 : 1;
            }
        } finally {
            processes.close();
        }
    }

    /** Each target and scenario once at 8 connections, so every JIT is warm before the first round. */
    private void warmUp(LoadGenerator generator, List<Target> order, List<Scenario> scenarioList) throws Exception {
        for (Scenario scenario : scenarioList) {
            for (Target target : order) {
                Round r = measure(generator, target, scenario, 8, 0, initialWarmupSeconds, 0.5);
                if (r.result().errors() > 0 || r.result().requests() == 0) {
                    throw new IllegalStateException(target.name() + " " + scenario.label() + " failed during warm-up: "
                            + r.result().firstError() + "; logs in " + out);
                }
                System.out.printf(
                        "warm-up %-18s %-10s ok, %d bytes per answer%n",
                        target.name(),
                        scenario.label(),
                        r.result().responseBytes() / r.result().requests());
            }
        }
    }

    private Round measure(
            LoadGenerator generator,
            Target target,
            Scenario scenario,
            int connections,
            int round,
            double warmup,
            double duration)
            throws InterruptedException {
        LoadGenerator.Run run = generator.start(target, scenario, connections, maxRequests);
        sleepSeconds(warmup);
        long self = ProcessHandle.current().pid();
        ProcStats.Cpu proxy0 =
                target.isDirect() ? ProcStats.Cpu.ZERO : target.proxy().get();
        ProcStats.Cpu sim0 = ProcStats.cpu(simulator.pid());
        ProcStats.Cpu self0 = ProcStats.cpu(self);
        run.beginWindow();
        sleepSeconds(duration);
        run.endWindow();
        ProcStats.Cpu proxy1 =
                target.isDirect() ? ProcStats.Cpu.ZERO : target.proxy().get();
        ProcStats.Cpu sim1 = ProcStats.cpu(simulator.pid());
        ProcStats.Cpu self1 = ProcStats.cpu(self);
        LoadGenerator.Result result = run.stop();
        gateway.checkAlive();
        if (gatewayNolog != null) {
            gatewayNolog.checkAlive();
        }
        return new Round(
                scenario,
                connections,
                round,
                target.name(),
                result,
                proxy1.minus(proxy0),
                sim1.minus(sim0),
                self1.minus(self0));
    }

    /** Cold starts of {@code command}, one after another, sharing one data directory as restarts of a gateway do. */
    private List<Double> measureReadiness(String label, List<String> command) throws InterruptedException {
        List<Double> millis = new ArrayList<>();
        Path home = processes.gatewayHome(label);
        for (int i = 1; i <= readinessRuns; i++) {
            ChildProcess p = processes.spawnGateway(label + "-" + i, command, home);
            long ready = Readiness.await(p, gatewayPort, "/health/ready", 5, Duration.ofSeconds(30));
            millis.add((ready - p.spawnNanos()) / 1e6);
            processes.stop(p);
            System.out.printf("%s run %d: %.0f ms%n", label, i, millis.get(millis.size() - 1));
            BenchProcesses.waitForPort(gatewayPort);
        }
        return millis;
    }

    /**
     * The same starts with an application class-data-sharing archive, for information: one training start
     * writes the archive at exit ({@code -XX:ArchiveClassesAtExit}), the timed starts map it.
     */
    private List<Double> measureReadinessWithAppCds(Path gatewayJar, Path config) throws InterruptedException {
        Path archive = out.resolve("gateway-appcds.jsa");
        ChildProcess training = processes.spawnGateway(
                "gateway-appcds-training",
                javaCommand(
                        gatewayJvm + " -XX:ArchiveClassesAtExit=" + archive,
                        gatewayJar,
                        "serve",
                        "--config",
                        config.toString()),
                processes.gatewayHome("gateway-appcds-training"));
        Readiness.await(training, gatewayPort, "/health/ready", 5, Duration.ofSeconds(30));
        processes.stop(training);
        BenchProcesses.waitForPort(gatewayPort);
        return measureReadiness(
                "readiness-appcds",
                javaCommand(
                        gatewayJvm + " -XX:SharedArchiveFile=" + archive,
                        gatewayJar,
                        "serve",
                        "--config",
                        config.toString()));
    }

    private Target target(String name) {
        return switch (name) {
            case Target.DIRECT ->
                new Target(name, simPort, ServerConfigs.SIM_OPENAI_MODEL, ServerConfigs.SIM_KEY, null);
            case Target.GATEWAY ->
                new Target(
                        name,
                        gatewayPort,
                        ServerConfigs.PASS_THROUGH_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        () -> ProcStats.cpu(gateway.pid()));
            case Target.GATEWAY_NOLOG ->
                new Target(
                        name,
                        gatewayNologPort,
                        ServerConfigs.PASS_THROUGH_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        () -> ProcStats.cpu(gatewayNolog.pid()));
            case Target.GATEWAY_ANTHROPIC ->
                new Target(
                        name,
                        gatewayPort,
                        ServerConfigs.TRANSLATED_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        () -> ProcStats.cpu(gateway.pid()));
            case Target.NGINX ->
                new Target(
                        name,
                        nginxPort,
                        ServerConfigs.SIM_OPENAI_MODEL,
                        ServerConfigs.SIM_KEY,
                        () -> ProcStats.cpuOfTree(nginxProcess.pid()));
            default ->
                throw new IllegalArgumentException("unknown target '" + name + "' (direct, gateway,"
                        + " gateway-nolog, nginx, gateway-anthropic)");
        };
    }

    private List<String> settings() {
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

    private List<String> gatewayCommand(Path jar, Path config) {
        return javaCommand(gatewayJvm, jar, "serve", "--config", config.toString());
    }

    private ChildProcess spawn(String name, List<String> command) {
        return processes.spawn(name, command);
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
    }

    /** Samples the gateway's VmRSS every 100 ms while recording is on, keeping the largest value. */
    private static final class MemorySampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean recording;
        private volatile boolean closed;
        private volatile long maxRssKib;

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

        void recording(boolean on) {
            recording = on;
        }

        long maxRssKib() {
            return maxRssKib;
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }
}
