package dev.meridian.bench;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The chaos scenario's timeline: when each phase began, and each phase's {@link PhaseStats}. Answers are
 * counted in the phase in which they end; those before the first phase (warm-up) or after the last are not.
 */
final class ChaosRun {

    private final List<ChaosPhase> phases;
    private final List<PhaseStats> stats = new ArrayList<>();
    private final long[] starts;

    ChaosRun(List<ChaosPhase> phases) {
        this.phases = List.copyOf(phases);
        this.starts = new long[phases.size() + 1];
        java.util.Arrays.fill(starts, Long.MAX_VALUE);
        phases.forEach(p -> stats.add(new PhaseStats()));
    }

    /** Marks phase {@code index} as begun at {@code nanos} (its fault already applied). */
    synchronized void begin(int index, long nanos) {
        starts[index] = nanos;
    }

    /** Marks the end of the last phase. */
    synchronized void end(long nanos) {
        starts[phases.size()] = nanos;
    }

    /** A {@link LoadGenerator.Observer}: files one answer under the phase it ended in. */
    synchronized void answered(long startNanos, long endNanos, int status, MultiMap headers, String error) {
        for (int i = phases.size() - 1; i >= 0; i--) {
            if (starts[i] <= endNanos) {
                if (endNanos < starts[i + 1]) {
                    stats.get(i).answered(startNanos, endNanos, status, headers, error);
                }
                return;
            }
        }
    }

    List<ChaosPhase> phases() {
        return phases;
    }

    synchronized PhaseStats stats(int index) {
        return stats.get(index);
    }

    synchronized long start(int index) {
        return starts[index];
    }

    synchronized long end(int index) {
        return starts[index + 1];
    }
}
