package dev.meridian.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives the load: a warm-up of every target and scenario, then per scenario and concurrency the measured
 * rounds, targets interleaved within each round, reading each process's CPU around every measurement window.
 */
final class LoadRounds {

    private final LoadOptions options;
    private final LoadServers servers;
    private final LoadGenerator generator;
    private final Path out;
    /** What the last run's cache target answered, for its progress line; empty for other targets. */
    private String cacheStatus = "";

    /** {@code out} is the run's directory, named in errors as where the logs are. */
    LoadRounds(LoadOptions options, LoadServers servers, LoadGenerator generator, Path out) {
        this.options = options;
        this.servers = servers;
        this.generator = generator;
        this.out = out;
    }

    /**
     * Per start of the gateways ({@code --starts}; the gateways are restarted between two), warms up (when any rounds
     * are asked for: every target in the first start, the restarted gateways in later ones), then measures
     * {@code --rounds} rounds of every target in {@code order} per scenario and concurrency, printing a progress line
     * per round. {@code memory} records during the runs at 64 connections or more.
     *
     * @return the measured rounds, in the order run
     * @throws IllegalStateException when a target fails during the warm-up, or a gateway has exited
     */
    List<Round> run(List<Target> order, List<Scenario> scenarios, MemorySampler memory) throws Exception {
        List<Round> measured = new ArrayList<>();
        int starts = options.rounds > 0 ? Math.max(1, options.starts) : 1;
        for (int start = 1; start <= starts; start++) {
            if (start > 1) {
                servers.restartGateways();
                System.out.println("start " + start + " of " + starts + ": gateways restarted");
            }
            if (options.rounds > 0) {
                warmUp(
                        start == 1
                                ? order
                                : order.stream().filter(Target::isGateway).toList(),
                        scenarios,
                        start);
            }
            for (Scenario scenario : scenarios) {
                for (int connections : options.concurrency) {
                    memory.recording(connections >= 64);
                    for (int round = 1; round <= options.rounds; round++) {
                        for (Target target : order) {
                            Round r = measure(
                                    target,
                                    scenario,
                                    connections,
                                    start,
                                    round,
                                    options.warmupSeconds,
                                    options.durationSeconds);
                            measured.add(r);
                            System.out.println(progressLine(r) + cacheStatus);
                        }
                    }
                    memory.recording(false);
                }
            }
        }
        return measured;
    }

    /** Each target and scenario once at 8 connections, so every JIT is warm before the first round. */
    private void warmUp(List<Target> order, List<Scenario> scenarios, int start) throws Exception {
        for (Scenario scenario : scenarios) {
            for (Target target : order) {
                Round r = measure(target, scenario, 8, start, 0, options.initialWarmupSeconds, 0.5);
                if (r.result().errors() > 0 || r.result().requests() == 0) {
                    throw new IllegalStateException(target.name() + " " + scenario.label() + " failed during warm-up: "
                            + r.result().firstError() + "; logs in " + out);
                }
                System.out.printf(
                        "warm-up %-18s %-10s ok, %d bytes per answer%s%n",
                        target.name(),
                        scenario.label(),
                        r.result().responseBytes() / r.result().requests(),
                        cacheStatus);
            }
        }
    }

    private Round measure(
            Target target, Scenario scenario, int connections, int start, int round, double warmup, double duration)
            throws InterruptedException {
        CacheStatusCount count = target.cache() == null
                ? null
                : new CacheStatusCount(target.cache().of(scenario));
        LoadGenerator.Run run = generator.start(
                target,
                scenario,
                connections,
                options.maxRequests,
                count == null ? LoadGenerator.Observer.NONE : count);
        sleepSeconds(warmup);
        long self = ProcessHandle.current().pid();
        ProcStats.Cpu proxy0 =
                target.isDirect() ? ProcStats.Cpu.ZERO : target.proxy().cpu();
        Map<ThreadKind, Long> threads0 =
                target.isDirect() ? Map.of() : target.proxy().threads();
        ProcStats.Cpu sim0 = servers.upstreamCpu();
        ProcStats.Cpu self0 = ProcStats.cpu(self);
        run.beginWindow();
        sleepSeconds(duration);
        run.endWindow();
        ProcStats.Cpu proxy1 =
                target.isDirect() ? ProcStats.Cpu.ZERO : target.proxy().cpu();
        Map<ThreadKind, Long> threads1 =
                target.isDirect() ? Map.of() : target.proxy().threads();
        ProcStats.Cpu sim1 = servers.upstreamCpu();
        ProcStats.Cpu self1 = ProcStats.cpu(self);
        LoadGenerator.Result result = run.stop();
        cacheStatus = count == null ? "" : count.describe();
        servers.checkGatewaysAlive();
        return new Round(
                scenario,
                connections,
                start,
                round,
                target.name(),
                result,
                proxy1.minus(proxy0),
                sim1.minus(sim0),
                self1.minus(self0),
                ThreadKind.minus(threads1, threads0));
    }

    /** One line per measured round: throughput, p50, p99, the proxy's CPU per request, and any errors. */
    static String progressLine(Round r) {
        LoadGenerator.Result x = r.result();
        return String.format(
                "%-10s c=%-3d start %d round %d %-18s %8.0f req/s  p50 %7.3f ms  p99 %7.3f ms  proxy CPU %5.1f µs/req%s",
                r.scenario().label(),
                r.connections(),
                r.start(),
                r.round(),
                r.target(),
                x.perSecond(),
                x.latency().getValueAtPercentile(50) / 1000.0,
                x.latency().getValueAtPercentile(99) / 1000.0,
                x.requests() == 0 ? 0.0 : r.proxyCpu().total() * (double) ProcStats.TICK_MICROS / x.requests(),
                x.errors() > 0 ? "  ERRORS " + x.errors() + " (" + x.firstError() + ")" : "");
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
    }
}
