package dev.meridian.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The measured rounds as a table of cells (scenario, connections, target), with the medians over rounds that
 * the report shows and checks. A run may start the gateways several times ({@code --starts}); how much CPU a
 * request costs differs more between two starts than between rounds of one start, so CPU ratios are taken start by
 * start and judged on their median ({@link #cpuRatioByStart}).
 */
final class RoundTable {

    private final List<Round> rounds;

    RoundTable(List<Round> rounds) {
        this.rounds = rounds;
    }

    /** The rounds of one cell, in the order measured. */
    List<Round> cell(Scenario s, int c, String target) {
        return rounds.stream()
                .filter(r ->
                        r.scenario() == s && r.connections() == c && r.target().equals(target))
                .toList();
    }

    /** The scenarios measured, in order of first appearance; likewise {@link #connections} and {@link #targets}. */
    List<Scenario> scenarios() {
        return rounds.stream().map(Round::scenario).distinct().toList();
    }

    List<Integer> connections() {
        return rounds.stream().map(Round::connections).distinct().toList();
    }

    List<String> targets() {
        return rounds.stream().map(Round::target).distinct().toList();
    }

    /** Median over the cell's rounds of percentile {@code p} of latency (or time to first byte), in µs. */
    static double pct(List<Round> cell, double p, boolean firstByte) {
        return median(
                cell, r -> (firstByte ? r.result().firstByte() : r.result().latency()).getValueAtPercentile(p));
    }

    /** Median over rounds of (target − direct of the same round), in µs. */
    double addedMicros(Scenario s, int c, String target, double p, boolean firstByte) {
        return differenceMicros(s, c, target, Target.DIRECT, p, firstByte);
    }

    /** Median over rounds of (target − baseline of the same round), in µs; NaN when either was not run. */
    double differenceMicros(Scenario s, int c, String target, String baseline, double p, boolean firstByte) {
        List<Round> direct = cell(s, c, baseline);
        List<Double> diffs = new ArrayList<>();
        for (Round r : cell(s, c, target)) {
            direct.stream()
                    .filter(d -> d.start() == r.start() && d.round() == r.round())
                    .findFirst()
                    .ifPresent(d -> {
                        Histogram a =
                                firstByte ? r.result().firstByte() : r.result().latency();
                        Histogram z =
                                firstByte ? d.result().firstByte() : d.result().latency();
                        diffs.add((double) (a.getValueAtPercentile(p) - z.getValueAtPercentile(p)));
                    });
        }
        return diffs.isEmpty() ? Double.NaN : median(diffs);
    }

    /** CPU µs per request of one process over all the cell's rounds; NaN when it served none. */
    static double cpuPerRequest(List<Round> cell, Function<Round, ProcStats.Cpu> which) {
        long requests = cell.stream().mapToLong(r -> r.result().requests()).sum();
        long ticks = cell.stream().mapToLong(r -> which.apply(r).total()).sum();
        return cell.isEmpty() || requests == 0 ? Double.NaN : ticks * (double) ProcStats.TICK_MICROS / requests;
    }

    /** The starts a cell's rounds belong to, in order. */
    static List<Integer> starts(List<Round> cell) {
        return cell.stream().map(Round::start).distinct().sorted().toList();
    }

    /** CPU µs per request of one process over the cell's rounds of one start; NaN when that start served none. */
    static double cpuPerRequest(List<Round> cell, int start, Function<Round, ProcStats.Cpu> which) {
        return cpuPerRequest(cell.stream().filter(r -> r.start() == start).toList(), which);
    }

    /** The proxy's CPU µs per request of a target and of its baseline in one start, measured in the same rounds. */
    record StartCpu(int start, double target, double baseline) {
        double ratio() {
            return target / baseline;
        }
    }

    /**
     * The proxy's CPU per request of {@code target} and of {@code baseline}, start by start: in each start the two
     * were measured in the same rounds, so the machine's drift over a run (nginx, which has no JIT, cost 20.0, 24.0 and
     * 26.2 µs per request in the three starts of one run) touches both alike. Only starts that measured both.
     */
    static List<StartCpu> cpuByStart(List<Round> target, List<Round> baseline) {
        List<StartCpu> each = new ArrayList<>();
        for (int start : starts(target)) {
            double a = cpuPerRequest(target, start, Round::proxyCpu);
            double b = cpuPerRequest(baseline, start, Round::proxyCpu);
            if (!Double.isNaN(a) && !Double.isNaN(b) && b > 0) {
                each.add(new StartCpu(start, a, b));
            }
        }
        return each;
    }

    /** Each start's ratio of {@link #cpuByStart}, in the order of the starts. */
    static List<Double> cpuRatioByStart(List<Round> target, List<Round> baseline) {
        return cpuByStart(target, baseline).stream().map(StartCpu::ratio).toList();
    }

    static double median(List<Round> cell, ToDoubleFunction<Round> f) {
        return median(cell.stream().map(r -> f.applyAsDouble(r)).toList());
    }

    /** The median of {@code values} (the mean of the middle two when even); NaN when empty. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The largest of {@code values}; NaN when empty. */
    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
