package dev.meridian.bench;

import static dev.meridian.bench.RoundTable.max;
import static dev.meridian.bench.RoundTable.median;

import java.util.ArrayList;
import java.util.List;

/**
 * The load benchmark's requirements (issue 10's targets), each checked against one run: CPU per request of the
 * defaults against nginx and against the lean configuration (both logs off), each the median over the run's starts
 * of that start's ratio, added latency over direct, what the logs add, the gateway's memory and its time to ready.
 */
final class LoadRequirements {

    static final double MAX_CPU_RATIO = 2.5;
    static final double MAX_CPU_RATIO_TO_LEAN = 1.25;
    static final double MAX_ADDED_P50_MICROS = 50;
    static final double MAX_ADDED_P99_MICROS = 2000;
    /** What the logs may add to the gateway's p50 (median over rounds of defaults − lean). */
    static final double MAX_REQUEST_LOG_P50_MICROS = 20;

    static final long MAX_RSS_MIB = 250;
    static final double MAX_READY_MILLIS = 1000;
    static final long MAX_IDLE_RSS_MIB = 150;

    /** One requirement checked: {@code result} is PASS or **FAIL** (bold in markdown). */
    record Check(String target, String requirement, String measured, String result) {}

    private final List<Check> checks = new ArrayList<>();
    private boolean allPassed = true;

    /** Checks every requirement that {@code results} has the measurements for. */
    LoadRequirements(RoundTable table, LoadResults results) {
        evaluate(table, results);
    }

    /** The checks, in a fixed order: CPU, latency and request log per cell, then memory, then readiness. */
    List<Check> checks() {
        return checks;
    }

    boolean allPassed() {
        return allPassed;
    }

    private void evaluate(RoundTable table, LoadResults results) {
        for (Scenario s : table.scenarios()) {
            for (int c : table.connections()) {
                List<Round> gw = table.cell(s, c, Target.GATEWAY);
                for (String baseline : List.of(Target.NGINX, Target.GATEWAY_LEAN)) {
                    List<Round> base = table.cell(s, c, baseline);
                    List<Double> ratios = RoundTable.cpuRatioByStart(gw, base);
                    if (ratios.isEmpty()) {
                        continue;
                    }
                    boolean nginx = baseline.equals(Target.NGINX);
                    double ratio = median(ratios);
                    check(
                            "CPU/request, " + s.label() + ", " + conns(c),
                            nginx ? "gateway ≤ 2.5× nginx" : "defaults ≤ 1.25× lean",
                            String.format("%.2f× (", ratio) + byStart(gw, base) + ")",
                            ratio <= (nginx ? MAX_CPU_RATIO : MAX_CPU_RATIO_TO_LEAN));
                }
            }
        }
        for (Scenario s : table.scenarios()) {
            for (int c : table.connections()) {
                if (c > 8) {
                    continue;
                }
                for (boolean ttfb : s.stream() ? new boolean[] {false, true} : new boolean[] {false}) {
                    String what = s.label() + (s.stream() ? (ttfb ? " TTFB" : " total") : "") + ", " + conns(c);
                    double p50 = table.addedMicros(s, c, Target.GATEWAY, 50, ttfb);
                    double p99 = table.addedMicros(s, c, Target.GATEWAY, 99, ttfb);
                    if (!Double.isNaN(p50)) {
                        check(
                                "added latency p50, " + what,
                                "≤ 0.050 ms",
                                String.format("%.3f ms", p50 / 1000),
                                p50 <= MAX_ADDED_P50_MICROS);
                        check(
                                "added latency p99, " + what,
                                "≤ 2.000 ms",
                                String.format("%.3f ms", p99 / 1000),
                                p99 <= MAX_ADDED_P99_MICROS);
                    }
                    double logged = table.differenceMicros(s, c, Target.GATEWAY, Target.GATEWAY_LEAN, 50, ttfb);
                    if (!Double.isNaN(logged)) {
                        check(
                                "defaults − lean, p50, " + what,
                                "≤ 0.020 ms",
                                String.format(
                                        "%+.3f ms (p99 %+.3f ms)",
                                        logged / 1000,
                                        table.differenceMicros(s, c, Target.GATEWAY, Target.GATEWAY_LEAN, 99, ttfb)
                                                / 1000),
                                logged <= MAX_REQUEST_LOG_P50_MICROS);
                    }
                }
            }
        }
        for (Scenario s : table.scenarios()) {
            double added = WrkLatency.addedP50(results.wrk(), s, Target.GATEWAY);
            if (!Double.isNaN(added)) {
                double lean = WrkLatency.addedP50(results.wrk(), s, Target.GATEWAY_LEAN);
                check(
                        "added latency p50 (wrk), " + s.label() + ", 1 conn",
                        "≤ 0.050 ms",
                        String.format("%.3f ms (lean %.3f ms)", added, lean),
                        added * 1000 <= MAX_ADDED_P50_MICROS);
            }
        }
        ProcStats.Memory memory = results.gatewayMemory();
        long peakMib = Math.max(memory.hwmKib(), results.maxRssKib()) / 1024;
        check(
                "gateway RSS under 64 connections",
                "≤ 250 MB",
                String.format("VmHWM %d MiB, VmRSS %d MiB", peakMib, memory.rssKib() / 1024),
                peakMib * 1024 * 1024 <= MAX_RSS_MIB * 1_000_000L);
        List<Double> readiness =
                results.readiness() == null ? List.of() : results.readiness().later();
        if (!readiness.isEmpty()) {
            long idleKib = results.readiness().idleRssKib();
            check(
                    "gateway RSS idle",
                    "≤ 150 MB",
                    String.format("VmRSS %d MiB", idleKib / 1024),
                    idleKib * 1024 <= MAX_IDLE_RSS_MIB * 1_000_000L);
            double worst = max(readiness);
            check(
                    "ready to serve after start",
                    "≤ 1 s",
                    String.format(
                            "max %.0f ms of %d starts (median %.0f ms)", worst, readiness.size(), median(readiness)),
                    worst <= MAX_READY_MILLIS);
        }
    }

    /**
     * The CPU per request of the gateway and of the baseline: "61.0 vs 45.0 µs" with one start; with several, the
     * ratio and the two values of each start ("median of 1.36× (61.0 vs 45.0 µs), 1.15× (55.0 vs 48.0 µs), ...").
     */
    static String byStart(List<Round> gateway, List<Round> baseline) {
        List<RoundTable.StartCpu> starts = RoundTable.cpuByStart(gateway, baseline);
        List<String> each = starts.stream()
                .map(s -> starts.size() == 1
                        ? String.format("%.1f vs %.1f µs", s.target(), s.baseline())
                        : String.format("%.2f× (%.1f vs %.1f µs)", s.ratio(), s.target(), s.baseline()))
                .toList();
        return (each.size() > 1 ? "median over starts of " : "") + String.join(", ", each);
    }

    private void check(String name, String requirement, String measured, boolean pass) {
        checks.add(new Check(name, requirement, measured, pass ? "PASS" : "**FAIL**"));
        allPassed &= pass;
    }

    private static String conns(int c) {
        return c + (c == 1 ? " conn" : " conns");
    }
}
