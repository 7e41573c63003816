package dev.meridian.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The load benchmark: starts the provider simulator, the gateway and nginx as separate processes, measures
 * the gateway's readiness time, then drives the same requests at the simulator directly, through the gateway
 * (pass-through and Anthropic translation), through a second gateway with the request log off (target
 * {@code gateway-lean}, started only when asked for) and through nginx, in interleaved rounds, and reports throughput,
 * latency percentiles, added latency over direct, CPU per request read from /proc and the gateway's memory,
 * with pass/fail against the targets. Run it from the repository root after {@code ./mvnw install}.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Load benchmark: simulator direct vs gateway vs nginx, from the same run.")
final class LoadBenchmark implements Callable<Integer> {

    @Mixin
    LoadOptions options = new LoadOptions();

    /**
     * Runs the whole benchmark and writes {@code results.md} and {@code results.json} into a fresh directory
     * under {@code meridian-bench/target}; every process it started is stopped on the way out.
     *
     * @return 0 when every requirement passed, 1 otherwise
     */
    @Override
    public Integer call() throws Exception {
        GatewayLaunch launch = GatewayLaunch.of(options.repo, options.gatewayJvm);
        Path simJar =
                options.nginxUpstream() ? null : BenchProcesses.requireJar(options.repo, BenchProcesses.SIMULATOR_JAR);
        Path out = BenchProcesses.outputDirectory(options.repo, "load");
        boolean lean = options.lean();
        BenchProcesses.requireFreePorts(options.simPort, options.gatewayPort, options.nginxPort);
        if (lean) {
            BenchProcesses.requireFreePorts(options.gatewayLeanPort);
        }
        if (options.redis()) {
            BenchProcesses.requireFreePorts(options.gatewayRedisPort);
        }
        if (options.activeTargets().contains(Target.GATEWAY_CACHE_REDIS)) {
            BenchProcesses.requireFreePorts(options.gatewayCacheRedisPort);
        }
        BenchProcesses processes = new BenchProcesses(out);
        Machine machine = Machine.describe(options.nginx);
        System.out.println("Writing to " + out);
        long[] machineStart = ProcStats.machine();
        LoadServers servers = new LoadServers(options, processes, out, launch);
        try {
            Path gatewayConfig = servers.startUpstream(simJar);
            // Let the upstream finish its own start-up work (the simulator's JIT, GC) so it does not compete.
            Thread.sleep(2000);
            ReadinessTimer.Starts readiness = options.readinessRuns > 0
                    ? new ReadinessTimer(options, processes, launch, gatewayConfig).coldStarts()
                    : null;
            servers.startProxies(lean);

            List<Target> order =
                    options.activeTargets().stream().map(servers::target).toList();
            List<Scenario> scenarioList =
                    options.scenarios.stream().map(Scenario::parse).toList();
            MemorySampler memory = new MemorySampler(servers::gatewayPid);
            List<String> profiles = new ArrayList<>();
            try (LoadGenerator generator = new LoadGenerator()) {
                List<Round> measured =
                        new LoadRounds(options, servers, generator, out).run(order, scenarioList, memory);
                ProcStats.Memory gatewayMemory = ProcStats.memory(servers.gatewayPid());
                List<WrkLatency.Result> wrk = options.wrkSeconds > 0
                        ? new WrkLatency(options.wrk, out)
                                .measure(order, scenarioList, Math.max(1, options.rounds), options.wrkSeconds)
                        : List.of();
                if (options.profileSeconds > 0) {
                    ChildProcess profiled = servers.restartGatewayForProfiling();
                    profiles.add(new GatewayProfiler(profiled, out, generator)
                            .profile(order, scenarioList, options.profileSeconds, options.initialWarmupSeconds));
                }
                memory.close();
                long[] machineEnd = ProcStats.machine();
                List<String> settings = new ArrayList<>(options.settings());
                settings.addAll(servers.notes());
                long all = machineEnd[0] - machineStart[0];
                settings.add(String.format(
                        "whole machine during the run: %.0f %% busy, %.1f %% stolen by the hypervisor",
                        100.0 * (all - (machineEnd[1] - machineStart[1])) / all,
                        100.0 * (machineEnd[2] - machineStart[2]) / all));
                Report report = new Report(new LoadResults(
                        machine,
                        settings,
                        measured,
                        readiness,
                        gatewayMemory,
                        memory.maxRssKib(),
                        wrk,
                        String.join("\n", profiles)));
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
            servers.deleteRedisKeys();
        }
    }
}
