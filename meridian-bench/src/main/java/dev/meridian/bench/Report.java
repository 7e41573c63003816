package dev.meridian.bench;

import static dev.meridian.bench.RoundTable.max;
import static dev.meridian.bench.RoundTable.median;
import static dev.meridian.bench.RoundTable.pct;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the measured rounds into the report: per scenario and concurrency, the median over rounds of each
 * target's throughput and latency percentiles, the added latency over direct (median over rounds of the
 * difference to the direct round measured just before), CPU per request of each process (total CPU over all
 * rounds divided by all requests, which averages away the 10 ms tick), and pass/fail against the targets.
 */
final class Report {

    private final LoadResults results;
    private final RoundTable table;
    private List<LoadRequirements.Check> checks = List.of();
    private boolean allPassed = true;

    Report(LoadResults results) {
        this.results = results;
        this.table = new RoundTable(results.rounds());
    }

    /** Whether every requirement passed; known once {@link #markdown()} has run. */
    boolean allPassed() {
        return allPassed;
    }

    /** The report in markdown, checking the requirements on the way (for {@link #allPassed()}). */
    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("## Load benchmark, ").append(ZonedDateTime.now().withNano(0)).append("\n\n");
        b.append(results.machine().markdown()).append('\n');
        results.settings().forEach(s -> b.append("- ").append(s).append('\n'));
        b.append("\nLatencies in ms (median over rounds); `+p50`/`+p99`: added over direct (median over rounds of the"
                + " per-round difference); CPU in µs per request, user+system, over all rounds of all starts (the targets"
                + " below judge CPU on the median over starts, and list each start's).\n");
        for (Scenario scenario : table.scenarios()) {
            b.append("\n### ").append(scenario.label()).append("\n\n");
            b.append("| conns | target | req/s | p50 | p90 | p99 | p99.9 | +p50 | +p99 | proxy CPU/req | sim CPU/req |"
                    + " load-gen CPU/req | errors |\n");
            b.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (int c : table.connections()) {
                for (String target : table.targets()) {
                    List<Round> cell = table.cell(scenario, c, target);
                    if (cell.isEmpty()) {
                        continue;
                    }
                    b.append(String.format(
                            "| %d | %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
                            c,
                            target,
                            median(cell, r -> r.result().perSecond()),
                            ms(pct(cell, 50, false)),
                            ms(pct(cell, 90, false)),
                            ms(pct(cell, 99, false)),
                            ms(pct(cell, 99.9, false)),
                            added(scenario, c, target, 50, false),
                            added(scenario, c, target, 99, false),
                            target.equals(Target.DIRECT) ? "–" : cpu(cell, Round::proxyCpu),
                            cpu(cell, Round::simCpu),
                            cpu(cell, Round::loadCpu),
                            cell.stream().mapToLong(r -> r.result().errors()).sum()));
                }
            }
            if (scenario.stream()) {
                b.append(
                        "\nTime to first byte of the stream:\n\n| conns | target | TTFB p50 | TTFB p99 | +p50 | +p99 |\n"
                                + "| ---: | --- | ---: | ---: | ---: | ---: |\n");
                for (int c : table.connections()) {
                    for (String target : table.targets()) {
                        List<Round> cell = table.cell(scenario, c, target);
                        if (!cell.isEmpty()) {
                            b.append(String.format(
                                    "| %d | %s | %s | %s | %s | %s |%n",
                                    c,
                                    target,
                                    ms(pct(cell, 50, true)),
                                    ms(pct(cell, 99, true)),
                                    added(scenario, c, target, 50, true),
                                    added(scenario, c, target, 99, true)));
                        }
                    }
                }
            }
        }
        if (!results.wrk().isEmpty()) {
            b.append("\n### One connection, measured by wrk\n\n"
                    + "`wrk -t1 -c1 --latency`, the same bodies; median over rounds of each round's percentiles, in"
                    + " ms.\n\n| scenario | target | p50 | p99 | +p50 |\n| --- | --- | ---: | ---: | ---: |\n");
            for (WrkLatency.Result r : results.wrk()) {
                double added = WrkLatency.addedP50(results.wrk(), r.scenario(), r.target());
                b.append(String.format(
                        "| %s | %s | %.3f | %.3f | %s |%n",
                        r.scenario().label(),
                        r.target(),
                        r.p50(),
                        r.p99(),
                        r.target().equals(Target.DIRECT) ? "–" : String.format("%+.3f", added)));
            }
        }
        b.append(ThreadTable.markdown(table));
        ProcStats.Memory gatewayMemory = results.gatewayMemory();
        b.append("\n### Gateway process\n\n");
        b.append(String.format(
                "- memory after the 64-connection runs: VmRSS %d MiB, VmHWM (peak since start) %d MiB;"
                        + " largest VmRSS sampled during them (every 100 ms): %d MiB%n",
                gatewayMemory.rssKib() / 1024, gatewayMemory.hwmKib() / 1024, results.maxRssKib() / 1024));
        if (results.readiness() != null) {
            b.append(String.format(
                            "- ready to serve (spawn → first 200 from /health/ready, polled every 5 ms): first start"
                                    + " (records the launcher's class-data archive) %.0f ms; the starts after it: ",
                            results.readiness().first()))
                    .append(starts(results.readiness().later()));
            b.append(String.format(
                    "- idle: VmRSS %d MiB %d s after the last start, before any request%n",
                    results.readiness().idleRssKib() / 1024, ReadinessTimer.IDLE.toSeconds()));
        }
        LoadRequirements requirements = new LoadRequirements(table, results);
        checks = requirements.checks();
        allPassed = requirements.allPassed();
        b.append("\n### Targets\n\n| target | requirement | measured | result |\n| --- | --- | --- | --- |\n");
        for (LoadRequirements.Check c : checks) {
            b.append("| ")
                    .append(String.join(" | ", c.target(), c.requirement(), c.measured(), c.result()))
                    .append(" |\n");
        }
        if (!results.profiles().isEmpty()) {
            b.append("\n### Gateway profile (JFR)\n\n").append(results.profiles());
        }
        return b.toString();
    }

    /**
     * Writes the raw results, with the checks made by the last {@link #markdown()}, to {@code file} as JSON.
     */
    void writeJson(Path file) {
        ResultsJson.write(file, results, checks);
    }

    /** Each start's time, then their median and maximum, ending the line. */
    private static String starts(List<Double> millis) {
        return String.join(
                        ", ",
                        millis.stream().map(m -> String.format("%.0f ms", m)).toList())
                + String.format("; median %.0f ms, max %.0f ms%n", median(millis), max(millis));
    }

    private String added(Scenario s, int c, String target, double p, boolean firstByte) {
        if (target.equals(Target.DIRECT)) {
            return "–";
        }
        double micros = table.addedMicros(s, c, target, p, firstByte);
        return Double.isNaN(micros) ? "n/a" : String.format("%+.3f", micros / 1000);
    }

    private static String cpu(List<Round> cell, Function<Round, ProcStats.Cpu> which) {
        long requests = cell.stream().mapToLong(r -> r.result().requests()).sum();
        long user = cell.stream().mapToLong(r -> which.apply(r).user()).sum();
        long system = cell.stream().mapToLong(r -> which.apply(r).system()).sum();
        if (requests == 0) {
            return "n/a";
        }
        double u = user * (double) ProcStats.TICK_MICROS / requests;
        double sy = system * (double) ProcStats.TICK_MICROS / requests;
        return String.format("%.1f (%.1f+%.1f)", u + sy, u, sy);
    }

    private static String ms(double micros) {
        return String.format("%.3f", micros / 1000);
    }
}
