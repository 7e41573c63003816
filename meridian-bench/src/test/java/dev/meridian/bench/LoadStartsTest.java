package dev.meridian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** How a run with several starts of the gateways is judged: CPU per request as the median over starts. */
class LoadStartsTest {

    @Test
    void cpuPerRequestIsEachStartsOwn_andJudgedOnTheirMedian_notOnTheirPool() {
        // Three starts of 10,000 requests a round: 50 µs, 70 µs and 48 µs per request (ticks are 10 ms).
        List<Round> cell = List.of(
                round(1, 1, 10_000, 50), // 50 ticks = 500 ms over 10,000 requests
                round(1, 2, 10_000, 50),
                round(2, 1, 10_000, 70),
                round(2, 2, 10_000, 70),
                round(3, 1, 10_000, 48),
                round(3, 2, 10_000, 48));

        assertThat(RoundTable.cpuPerRequestByStart(cell, Round::proxyCpu)).containsExactly(50.0, 70.0, 48.0);
        assertThat(RoundTable.cpuPerRequestOverStarts(cell, Round::proxyCpu)).isEqualTo(50.0);
        assertThat(RoundTable.cpuPerRequest(cell, Round::proxyCpu))
                .as("the pool over all rounds, which the bad start pulls up")
                .isEqualTo(56.0);
    }

    @Test
    void oneStart_isJudgedOnAllItsRounds_asBeforeStartsExisted() {
        List<Round> cell = List.of(round(1, 1, 10_000, 40), round(1, 2, 30_000, 200));

        assertThat(RoundTable.cpuPerRequestOverStarts(cell, Round::proxyCpu)).isEqualTo(60.0);
        assertThat(LoadRequirements.byStart(cell, cell)).isEmpty();
    }

    @Test
    void theTargetsListEachStartsCpu_ofTheGatewayAndOfItsBaseline() {
        List<Round> gateway = List.of(round(1, 1, 10_000, 61), round(2, 1, 10_000, 55), round(3, 1, 10_000, 58));
        List<Round> lean = List.of(round(1, 1, 10_000, 45), round(2, 1, 10_000, 48), round(3, 1, 10_000, 44));

        assertThat(LoadRequirements.byStart(gateway, lean)).isEqualTo("; starts 61.0, 55.0, 58.0 vs 45.0, 48.0, 44.0");
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

    private static Round round(int start, int round, long requests, long ticks) {
        return new Round(
                Scenario.NON_STREAM,
                8,
                start,
                round,
                Target.GATEWAY,
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
