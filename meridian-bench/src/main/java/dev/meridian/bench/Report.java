package dev.meridian.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Turns the measured rounds into the report: per scenario and concurrency, the median over rounds of each
 * target's throughput and latency percentiles, the added latency over direct (median over rounds of the
 * difference to the direct round measured just before), CPU per request of each process (total CPU over all
 * rounds divided by all requests, which averages away the 10 ms tick), and pass/fail against the targets.
 */
final class Report {

    static final double MAX_CPU_RATIO = 3.0;
    static final double MAX_ADDED_P50_MICROS = 100;
    static final double MAX_ADDED_P99_MICROS = 2000;
    /** What the request log may add to the gateway's p50 (median over rounds of on − off): below what rounds resolve. */
    static final double MAX_REQUEST_LOG_P50_MICROS = 20;

    static final long MAX_RSS_MIB = 300;
    static final double MAX_READY_MILLIS = 1500;

    private final Machine machine;
    private final List<String> settings;
    private final List<Round> rounds;
    private final List<Double> readinessMillis;
    private final List<Double> readinessAppCdsMillis;
    private final ProcStats.Memory gatewayMemory;
    private final long maxRssKib;
    private final String profiles;
    private final List<String[]> checks = new ArrayList<>();
    private boolean allPassed = true;

    Report(
            Machine machine,
            List<String> settings,
            List<Round> rounds,
            List<Double> readinessMillis,
            List<Double> readinessAppCdsMillis,
            ProcStats.Memory gatewayMemory,
            long maxRssKib,
            String profiles) {
        this.machine = machine;
        this.settings = settings;
        this.rounds = rounds.stream().filter(r -> r.round() > 0).toList();
        this.readinessMillis = readinessMillis;
        this.readinessAppCdsMillis = readinessAppCdsMillis;
        this.gatewayMemory = gatewayMemory;
        this.maxRssKib = maxRssKib;
        this.profiles = profiles;
    }

    static String progressLine(Round r) {
        LoadGenerator.Result x = r.result();
        return String.format(
                "%-10s c=%-3d round %d %-18s %8.0f req/s  p50 %7.3f ms  p99 %7.3f ms  proxy CPU %5.1f µs/req%s",
                r.scenario().label(),
                r.connections(),
                r.round(),
                r.target(),
                x.perSecond(),
                x.latency().getValueAtPercentile(50) / 1000.0,
                x.latency().getValueAtPercentile(99) / 1000.0,
                x.requests() == 0 ? 0.0 : r.proxyCpu().total() * (double) ProcStats.TICK_MICROS / x.requests(),
                x.errors() > 0 ? "  ERRORS " + x.errors() + " (" + x.firstError() + ")" : "");
    }

    boolean allPassed() {
        return allPassed;
    }

    String markdown() {
        checks.clear();
        allPassed = true;
        StringBuilder b = new StringBuilder();
        b.append("## Load benchmark, ").append(ZonedDateTime.now().withNano(0)).append("\n\n");
        b.append(machine.markdown()).append('\n');
        settings.forEach(s -> b.append("- ").append(s).append('\n'));
        b.append("\nLatencies in ms (median over rounds); `+p50`/`+p99`: added over direct (median over rounds of the"
                + " per-round difference); CPU in µs per request, user+system, over all rounds.\n");
        for (Scenario scenario : scenarios()) {
            b.append("\n### ").append(scenario.label()).append("\n\n");
            b.append("| conns | target | req/s | p50 | p90 | p99 | p99.9 | +p50 | +p99 | proxy CPU/req | sim CPU/req |"
                    + " load-gen CPU/req | errors |\n");
            b.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (int c : connections()) {
                for (String target : targets()) {
                    List<Round> cell = cell(scenario, c, target);
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
                for (int c : connections()) {
                    for (String target : targets()) {
                        List<Round> cell = cell(scenario, c, target);
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
        b.append("\n### Gateway process\n\n");
        b.append(String.format(
                "- memory after the 64-connection runs: VmRSS %d MiB, VmHWM (peak since start) %d MiB;"
                        + " largest VmRSS sampled during them (every 100 ms): %d MiB%n",
                gatewayMemory.rssKib() / 1024, gatewayMemory.hwmKib() / 1024, maxRssKib / 1024));
        b.append("- ready to serve (spawn → first 200 from /health/ready, polled every 5 ms): ")
                .append(String.join(
                        ", ",
                        readinessMillis.stream()
                                .map(m -> String.format("%.0f ms", m))
                                .toList()))
                .append(String.format(
                        "; median %.0f ms, max %.0f ms%n", median(readinessMillis), max(readinessMillis)));
        if (!readinessAppCdsMillis.isEmpty()) {
            b.append(
                            "- for information, the same starts with an AppCDS archive (`-XX:SharedArchiveFile`, written by one"
                                    + " training start with `-XX:ArchiveClassesAtExit`): ")
                    .append(String.join(
                            ", ",
                            readinessAppCdsMillis.stream()
                                    .map(m -> String.format("%.0f ms", m))
                                    .toList()))
                    .append(String.format(
                            "; median %.0f ms, max %.0f ms%n",
                            median(readinessAppCdsMillis), max(readinessAppCdsMillis)));
        }
        evaluate();
        b.append("\n### Targets\n\n| target | requirement | measured | result |\n| --- | --- | --- | --- |\n");
        for (String[] c : checks) {
            b.append("| ").append(String.join(" | ", c)).append(" |\n");
        }
        if (!profiles.isEmpty()) {
            b.append("\n### Gateway profile (JFR)\n\n").append(profiles);
        }
        return b.toString();
    }

    private void evaluate() {
        for (Scenario s : scenarios()) {
            for (int c : connections()) {
                double gw = cpuPerRequest(cell(s, c, Target.GATEWAY), Round::proxyCpu);
                double nx = cpuPerRequest(cell(s, c, Target.NGINX), Round::proxyCpu);
                if (!Double.isNaN(gw) && !Double.isNaN(nx)) {
                    double ratio = gw / nx;
                    check(
                            "CPU/request, " + s.label() + ", " + conns(c),
                            "gateway ≤ 3× nginx",
                            String.format("%.2f× (%.1f vs %.1f µs)", ratio, gw, nx),
                            ratio <= MAX_CPU_RATIO);
                }
            }
        }
        for (Scenario s : scenarios()) {
            for (int c : connections()) {
                if (c > 8) {
                    continue;
                }
                for (boolean ttfb : s.stream() ? new boolean[] {false, true} : new boolean[] {false}) {
                    String what = s.label() + (s.stream() ? (ttfb ? " TTFB" : " total") : "") + ", " + conns(c);
                    double p50 = addedMicros(s, c, Target.GATEWAY, 50, ttfb);
                    double p99 = addedMicros(s, c, Target.GATEWAY, 99, ttfb);
                    if (!Double.isNaN(p50)) {
                        check(
                                "added latency p50, " + what,
                                "≤ 0.100 ms",
                                String.format("%.3f ms", p50 / 1000),
                                p50 <= MAX_ADDED_P50_MICROS);
                        check(
                                "added latency p99, " + what,
                                "≤ 2.000 ms",
                                String.format("%.3f ms", p99 / 1000),
                                p99 <= MAX_ADDED_P99_MICROS);
                    }
                    double logged = differenceMicros(s, c, Target.GATEWAY, Target.GATEWAY_NOLOG, 50, ttfb);
                    if (!Double.isNaN(logged)) {
                        check(
                                "request log on − off, p50, " + what,
                                "≤ 0.020 ms (not measurable)",
                                String.format(
                                        "%+.3f ms (p99 %+.3f ms)",
                                        logged / 1000,
                                        differenceMicros(s, c, Target.GATEWAY, Target.GATEWAY_NOLOG, 99, ttfb) / 1000),
                                logged <= MAX_REQUEST_LOG_P50_MICROS);
                    }
                }
            }
        }
        long peakMib = Math.max(gatewayMemory.hwmKib(), maxRssKib) / 1024;
        check(
                "gateway RSS under 64 connections",
                "≤ 300 MB",
                String.format("VmHWM %d MiB, VmRSS %d MiB", peakMib, gatewayMemory.rssKib() / 1024),
                peakMib * 1024 * 1024 <= MAX_RSS_MIB * 1_000_000L);
        if (!readinessMillis.isEmpty()) {
            double worst = max(readinessMillis);
            check(
                    "ready to serve after start",
                    "≤ 1.5 s",
                    String.format(
                            "max %.0f ms of %d starts (median %.0f ms)",
                            worst, readinessMillis.size(), median(readinessMillis)),
                    worst <= MAX_READY_MILLIS);
        }
    }

    private void check(String name, String requirement, String measured, boolean pass) {
        checks.add(new String[] {name, requirement, measured, pass ? "PASS" : "**FAIL**"});
        allPassed &= pass;
    }

    void writeJson(Path file) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Round r : rounds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", r.scenario().label());
            m.put("connections", r.connections());
            m.put("round", r.round());
            m.put("target", r.target());
            LoadGenerator.Result x = r.result();
            m.put("requests", x.requests());
            m.put("errors", x.errors());
            m.put("seconds", x.seconds());
            m.put("requestsPerSecond", x.perSecond());
            m.put("responseBytes", x.responseBytes());
            m.put("latencyMicros", percentiles(x.latency()));
            m.put("latencyHdr", encode(x.latency()));
            if (r.scenario().stream()) {
                m.put("firstByteMicros", percentiles(x.firstByte()));
                m.put("firstByteHdr", encode(x.firstByte()));
            }
            m.put(
                    "proxyCpuTicks",
                    Map.of("user", r.proxyCpu().user(), "system", r.proxyCpu().system()));
            m.put(
                    "simCpuTicks",
                    Map.of("user", r.simCpu().user(), "system", r.simCpu().system()));
            m.put(
                    "loadGenCpuTicks",
                    Map.of("user", r.loadCpu().user(), "system", r.loadCpu().system()));
            out.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", machine);
        doc.put("settings", settings);
        doc.put("clockTickMicros", ProcStats.TICK_MICROS);
        doc.put("readinessMillis", readinessMillis);
        doc.put("readinessAppCdsMillis", readinessAppCdsMillis);
        doc.put(
                "gatewayMemoryKib",
                Map.of(
                        "rss",
                        gatewayMemory.rssKib(),
                        "hwm",
                        gatewayMemory.hwmKib(),
                        "maxSampledRssUnder64",
                        maxRssKib));
        doc.put(
                "checks",
                checks.stream()
                        .map(c -> Map.of("target", c[0], "requirement", c[1], "measured", c[2], "result", c[3]))
                        .toList());
        doc.put("rounds", out);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Long> percentiles(Histogram h) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 99, 99.9}) {
            m.put("p" + p, h.getValueAtPercentile(p));
        }
        m.put("max", h.getMaxValue());
        m.put("count", h.getTotalCount());
        return m;
    }

    private static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), n));
    }

    private List<Round> cell(Scenario s, int c, String target) {
        return rounds.stream()
                .filter(r ->
                        r.scenario() == s && r.connections() == c && r.target().equals(target))
                .toList();
    }

    private List<Scenario> scenarios() {
        return rounds.stream().map(Round::scenario).distinct().toList();
    }

    private List<Integer> connections() {
        return rounds.stream().map(Round::connections).distinct().toList();
    }

    private List<String> targets() {
        return rounds.stream().map(Round::target).distinct().toList();
    }

    private static double pct(List<Round> cell, double p, boolean firstByte) {
        return median(
                cell, r -> (firstByte ? r.result().firstByte() : r.result().latency()).getValueAtPercentile(p));
    }

    /** Median over rounds of (target − direct of the same round), in µs. */
    private double addedMicros(Scenario s, int c, String target, double p, boolean firstByte) {
        return differenceMicros(s, c, target, Target.DIRECT, p, firstByte);
    }

    /** Median over rounds of (target − baseline of the same round), in µs; NaN when either was not run. */
    private double differenceMicros(Scenario s, int c, String target, String baseline, double p, boolean firstByte) {
        List<Round> direct = cell(s, c, baseline);
        List<Double> diffs = new ArrayList<>();
        for (Round r : cell(s, c, target)) {
            direct.stream().filter(d -> d.round() == r.round()).findFirst().ifPresent(d -> {
                Histogram a = firstByte ? r.result().firstByte() : r.result().latency();
                Histogram z = firstByte ? d.result().firstByte() : d.result().latency();
                diffs.add((double) (a.getValueAtPercentile(p) - z.getValueAtPercentile(p)));
            });
        }
        return diffs.isEmpty() ? Double.NaN : median(diffs);
    }

    private String added(Scenario s, int c, String target, double p, boolean firstByte) {
        if (target.equals(Target.DIRECT)) {
            return "–";
        }
        double micros = addedMicros(s, c, target, p, firstByte);
        return Double.isNaN(micros) ? "n/a" : String.format("%+.3f", micros / 1000);
    }

    private static double cpuPerRequest(List<Round> cell, java.util.function.Function<Round, ProcStats.Cpu> which) {
        long requests = cell.stream().mapToLong(r -> r.result().requests()).sum();
        long ticks = cell.stream().mapToLong(r -> which.apply(r).total()).sum();
        return cell.isEmpty() || requests == 0 ? Double.NaN : ticks * (double) ProcStats.TICK_MICROS / requests;
    }

    private static String cpu(List<Round> cell, java.util.function.Function<Round, ProcStats.Cpu> which) {
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

    private static String conns(int c) {
        return c + (c == 1 ? " conn" : " conns");
    }

    private static String ms(double micros) {
        return String.format("%.3f", micros / 1000);
    }

    private static double median(List<Round> cell, ToDoubleFunction<Round> f) {
        return median(cell.stream().map(r -> f.applyAsDouble(r)).toList());
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
