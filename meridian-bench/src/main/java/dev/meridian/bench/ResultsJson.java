package dev.meridian.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Writes a load run's raw results: every round with its percentiles and its full HDR histograms. */
final class ResultsJson {

    private ResultsJson() {}

    /**
     * Writes {@code results} and the {@code checks} made of them to {@code file} as indented JSON.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    static void write(Path file, LoadResults results, List<LoadRequirements.Check> checks) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Round r : results.rounds()) {
            out.add(round(r));
        }
        ProcStats.Memory gatewayMemory = results.gatewayMemory();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", results.machine());
        doc.put("settings", results.settings());
        doc.put("clockTickMicros", ProcStats.TICK_MICROS);
        if (results.readiness() != null) {
            doc.put("readinessFirstStartMillis", results.readiness().first());
            doc.put("readinessMillis", results.readiness().later());
            doc.put("idleRssKib", results.readiness().idleRssKib());
        }
        doc.put(
                "gatewayMemoryKib",
                Map.of(
                        "rss",
                        gatewayMemory.rssKib(),
                        "hwm",
                        gatewayMemory.hwmKib(),
                        "maxSampledRssUnder64",
                        results.maxRssKib()));
        doc.put(
                "checks",
                checks.stream()
                        .map(c -> Map.of(
                                "target",
                                c.target(),
                                "requirement",
                                c.requirement(),
                                "measured",
                                c.measured(),
                                "result",
                                c.result()))
                        .toList());
        doc.put("rounds", out);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> round(Round r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario().label());
        m.put("connections", r.connections());
        m.put("start", r.start());
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
        if (!r.proxyThreads().isEmpty()) {
            Map<String, Long> threads = new LinkedHashMap<>();
            r.proxyThreads().forEach((kind, ticks) -> threads.put(kind.label, ticks));
            m.put("proxyThreadTicks", threads);
        }
        m.put(
                "simCpuTicks",
                Map.of("user", r.simCpu().user(), "system", r.simCpu().system()));
        m.put(
                "loadGenCpuTicks",
                Map.of("user", r.loadCpu().user(), "system", r.loadCpu().system()));
        return m;
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
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), n));
    }
}
