package dev.meridian.bench;

import java.util.List;

/**
 * What one load benchmark run measured, as {@link Report} and {@link ResultsJson} present it.
 *
 * @param settings              how the run was set up, one line each
 * @param rounds                the measured rounds; warm-up rounds (round 0) are left out
 * @param readiness             the gateway's cold starts, spawn to ready; null when not timed
 * @param gatewayMemory         the gateway's memory after the 64-connection runs
 * @param maxRssKib             the largest VmRSS sampled during them
 * @param wrk                   latency at one connection measured by wrk; empty when not measured
 * @param profiles              the JFR summaries in markdown; empty when not profiled
 */
record LoadResults(
        Machine machine,
        List<String> settings,
        List<Round> rounds,
        ReadinessTimer.Starts readiness,
        ProcStats.Memory gatewayMemory,
        long maxRssKib,
        List<WrkLatency.Result> wrk,
        String profiles) {

    LoadResults {
        rounds = rounds.stream().filter(r -> r.round() > 0).toList();
    }
}
