package dev.meridian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** How a run with several starts of the gateways is judged: CPU ratios start by start, and their median. */
class LoadStartsTest {

    @Test
    void cpuIsComparedStartByStart_inTheRoundsBothWereMeasured_andJudgedOnTheMedianRatio() {
        // The machine drifts over a run: both targets cost more in the later starts, their ratio much less so.
        List<Round> gateway = List.of(
                round(Target.GATEWAY, 1, 1, 10_000, 60), // 60 ticks of 10 ms over 10,000 requests: 60 µs
                round(Target.GATEWAY, 1, 2, 10_000, 60),
                round(Target.GATEWAY, 2, 1, 10_000, 90),
                round(Target.GATEWAY, 3, 1, 10_000, 72));
        List<Round> lean = List.of(
                round(Target.GATEWAY_LEAN, 1, 1, 10_000, 50),
                round(Target.GATEWAY_LEAN, 1, 2, 10_000, 50),
                round(Target.GATEWAY_LEAN, 2, 1, 10_000, 60),
                round(Target.GATEWAY_LEAN, 3, 1, 10_000, 64));

        assertThat(RoundTable.starts(gateway)).containsExactly(1, 2, 3);
        assertThat(RoundTable.cpuPerRequest(gateway, 2, Round::proxyCpu)).isEqualTo(90.0);
        assertThat(RoundTable.cpuRatioByStart(gateway, lean)).containsExactly(1.2, 1.5, 1.125);
        assertThat(RoundTable.median(RoundTable.cpuRatioByStart(gateway, lean))).isEqualTo(1.2);
        assertThat(LoadRequirements.byStart(gateway, lean))
                .isEqualTo("median over starts of 1.20× (60.0 vs 50.0 µs), 1.50× (90.0 vs 60.0 µs),"
                        + " 1.13× (72.0 vs 64.0 µs)");
    }

    @Test
    void oneStart_isJudgedOnAllItsRounds_asBeforeStartsExisted() {
        List<Round> gateway =
                List.of(round(Target.GATEWAY, 1, 1, 10_000, 40), round(Target.GATEWAY, 1, 2, 30_000, 200));
        List<Round> lean =
                List.of(round(Target.GATEWAY_LEAN, 1, 1, 20_000, 100), round(Target.GATEWAY_LEAN, 1, 2, 20_000, 100));

        assertThat(RoundTable.cpuRatioByStart(gateway, lean)).containsExactly(1.2);
        assertThat(LoadRequirements.byStart(gateway, lean)).isEqualTo("60.0 vs 50.0 µs");
    }

    @Test
    void aStartOnlyOneOfTheTwoMeasured_isLeftOut() {
        List<Round> gateway = List.of(round(Target.GATEWAY, 1, 1, 10_000, 60), round(Target.GATEWAY, 2, 1, 10_000, 90));
        List<Round> lean = List.of(round(Target.GATEWAY_LEAN, 1, 1, 10_000, 50));

        assertThat(RoundTable.cpuRatioByStart(gateway, lean)).containsExactly(1.2);
    }

    @Test
    void addedLatencyPairsEachRoundWithTheDirectRoundOfTheSameStartAndRound() {
        // Round 1 exists in both starts: each gateway round is compared with its own start's direct round.
        RoundTable table = new RoundTable(List.of(
                latencyRound(Target.DIRECT, 1, 1, 100),
                latencyRound(Target.GATEWAY, 1, 1, 130),
                latencyRound(Target.DIRECT, 2, 1, 200),
                latencyRound(Target.GATEWAY, 2, 1, 240),
                latencyRound(Target.DIRECT, 3, 1, 100),
                latencyRound(Target.GATEWAY, 3, 1, 150)));

        assertThat(table.addedMicros(Scenario.NON_STREAM, 8, Target.GATEWAY, 50, false))
                .as("the median of 30, 40 and 50 µs")
                .isEqualTo(40.0);
    }

    private static Round round(String target, int start, int round, long requests, long ticks) {
        return new Round(
                Scenario.NON_STREAM,
                8,
                start,
                round,
                target,
                new LoadGenerator.Result(requests, 0, 3.0, histogram(100), histogram(100), 0, null),
                new ProcStats.Cpu(ticks, 0),
                ProcStats.Cpu.ZERO,
                ProcStats.Cpu.ZERO,
                Map.of());
    }

    private static Round latencyRound(String target, int start, int round, long micros) {
        return new Round(
                Scenario.NON_STREAM,
                8,
                start,
                round,
                target,
                new LoadGenerator.Result(1, 0, 3.0, histogram(micros), histogram(micros), 0, null),
                ProcStats.Cpu.ZERO,
                ProcStats.Cpu.ZERO,
                ProcStats.Cpu.ZERO,
                Map.of());
    }

    private static Histogram histogram(long micros) {
        Histogram h = new Histogram(3);
        h.recordValue(micros);
        return h;
    }
}
