package dev.meridian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records the gateway with JFR ({@code jcmd PID JFR.start settings=profile method-profiling=max}: Java
 * samples every millisecond, allocation samples, GC) while the load generator drives one route and scenario
 * at 8 connections, once per route and scenario, and summarises each recording with {@link JfrSummary}.
 * Runs after the measured rounds, so the recording's overhead touches no reported number.
 */
final class GatewayProfiler {

    private static final int CONNECTIONS = 8;

    private final ChildProcess gateway;
    private final Path out;
    private final LoadGenerator generator;

    GatewayProfiler(ChildProcess gateway, Path out, LoadGenerator generator) {
        this.gateway = gateway;
        this.out = out;
        this.generator = generator;
    }

    String profile(List<Target> targets, List<Scenario> scenarios, double seconds, double warmupSeconds)
            throws InterruptedException {
        List<Target> gatewayTargets = targets.stream()
                .filter(t -> !t.isDirect()
                        && t.name().startsWith(Target.GATEWAY)
                        && !t.name().equals(Target.GATEWAY_LEAN))
                .toList();
        // Warm the JIT with a throwaway recording running: JFR's own start-up (class loading, compilation) is
        // expensive and would otherwise land in the first real recording.
        jcmd("JFR.start", "name=warmup", "settings=profile", "method-profiling=max");
        for (Scenario scenario : scenarios) {
            for (Target target : gatewayTargets) {
                load(target, scenario, warmupSeconds);
            }
        }
        jcmd("JFR.stop", "name=warmup");
        StringBuilder b = new StringBuilder();
        for (Scenario scenario : scenarios) {
            for (Target target : gatewayTargets) {
                load(target, scenario, 2);
                Path file = out.resolve("profile-" + target.name() + "-" + scenario.label() + ".jfr");
                jcmd("JFR.start", "name=bench", "settings=profile", "method-profiling=max", "filename=" + file);
                LoadGenerator.Run run = generator.start(target, scenario, CONNECTIONS, Long.MAX_VALUE);
                TimeUnit.MILLISECONDS.sleep(500);
                ProcStats.Cpu cpu0 = ProcStats.cpu(gateway.pid());
                Instant from = Instant.now();
                run.beginWindow();
                TimeUnit.MILLISECONDS.sleep((long) (seconds * 1000));
                run.endWindow();
                Instant to = Instant.now();
                ProcStats.Cpu cpu = ProcStats.cpu(gateway.pid()).minus(cpu0);
                LoadGenerator.Result result = run.stop();
                jcmd("JFR.stop", "name=bench");
                b.append("### ")
                        .append(target.name())
                        .append(", ")
                        .append(scenario.label())
                        .append(", ")
                        .append(CONNECTIONS)
                        .append(" connections, ")
                        .append(seconds)
                        .append(" s under JFR\n\n```\n");
                b.append(String.format(
                        "%.0f req/s; gateway CPU per request (from /proc, JFR on): %.1f µs user +"
                                + " %.1f µs system%n",
                        result.perSecond(),
                        cpu.user() * (double) ProcStats.TICK_MICROS / result.requests(),
                        cpu.system() * (double) ProcStats.TICK_MICROS / result.requests()));
                b.append(JfrSummary.summarise(file, result.requests(), 20, from, to))
                        .append("```\n\n");
                System.out.println("profiled " + target.name() + " " + scenario.label() + " -> " + file);
            }
        }
        return b.toString();
    }

    private void load(Target target, Scenario scenario, double seconds) throws InterruptedException {
        LoadGenerator.Run run = generator.start(target, scenario, CONNECTIONS, Long.MAX_VALUE);
        TimeUnit.MILLISECONDS.sleep((long) (seconds * 1000));
        run.stop();
    }

    private void jcmd(String... command) {
        String[] cmd = new String[command.length + 2];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        cmd[1] = Long.toString(gateway.pid());
        System.arraycopy(command, 0, cmd, 2, command.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
