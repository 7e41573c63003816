package dev.meridian.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording and summarises where CPU and allocation went: execution samples by top frame (self),
 * by layer, and by gateway method on the stack (inclusive); allocation samples by the first non-JDK frame
 * and their total; GC pauses; JVM user and system CPU load. Plain text, for the report and for the
 * gateway's owner. Execution samples cover Java code only: time in the kernel (socket reads and writes,
 * epoll) shows up as system CPU, not as samples.
 */
final class JfrSummary {

    private JfrSummary() {}

    /** Summarises the whole recording. */
    static String summarise(Path file, int top) {
        return summarise(file, 0, top, Instant.MIN, Instant.MAX);
    }

    /**
     * Summarises the events that started within [{@code from}, {@code to}): a recording's file holds whole
     * chunks, which can begin before the recording did.
     *
     * @param requests requests served in that window, for per-request figures; 0 when unknown
     */
    static String summarise(Path file, long requests, int top, Instant from, Instant to) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> layerSelf = new HashMap<>();
        Map<String, Long> layerCaller = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        long samples = 0;
        long allocationWeight = 0;
        long gcCount = 0;
        double gcPauseMillis = 0;
        double cpuUser = 0;
        double cpuSystem = 0;
        int cpuEvents = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (e.getStartTime().isBefore(from) || !e.getStartTime().isBefore(to)) {
                    continue;
                }
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace st = e.getStackTrace();
                        if (st == null || st.getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        List<RecordedFrame> frames = st.getFrames();
                        String topType = frames.get(0).getMethod().getType().getName();
                        self.merge(method(frames.get(0)), 1L, Long::sum);
                        layerSelf.merge(layer(topType), 1L, Long::sum);
                        layerCaller.merge(layer(firstNonJdk(frames)), 1L, Long::sum);
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame f : frames) {
                            String m = method(f);
                            if (m.startsWith("dev.meridian.") && seen.add(m)) {
                                inclusive.merge(m, 1L, Long::sum);
                            }
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long weight = e.getLong("weight");
                        allocationWeight += weight;
                        RecordedStackTrace st = e.getStackTrace();
                        String site = st == null
                                ? "?"
                                : firstNonJdk(st.getFrames()) + "." + firstNonJdkMethod(st.getFrames());
                        String type = e.getClass("objectClass").getName();
                        allocation.merge(site + "  [" + type + "]", weight, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPauseMillis += e.getDuration("sumOfPauses").toNanos() / 1e6;
                    }
                    case "jdk.CPULoad" -> {
                        cpuUser += e.getFloat("jvmUser");
                        cpuSystem += e.getFloat("jvmSystem");
                        cpuEvents++;
                    }
                    default -> {}
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder b = new StringBuilder();
        b.append("recording ")
                .append(file.getFileName())
                .append(": ")
                .append(samples)
                .append(" execution samples");
        if (requests > 0) {
            b.append(", ").append(requests).append(" requests");
        }
        b.append('\n');
        if (cpuEvents > 0) {
            b.append(String.format(
                    "JVM CPU load (of the whole machine): user %.1f %%, system %.1f %%%n",
                    100 * cpuUser / cpuEvents, 100 * cpuSystem / cpuEvents));
        }
        // The weights of the allocation samples add up to an estimate of all bytes allocated.
        b.append(String.format(
                "allocated (estimated from allocation samples): %.0f MB%s; GC: %d collections,"
                        + " %.1f ms of pauses%s%n",
                allocationWeight / 1e6,
                requests > 0 ? String.format(", %.1f KB per request", allocationWeight / 1e3 / requests) : "",
                gcCount,
                gcPauseMillis,
                requests > 0 && gcCount > 0 ? String.format(" (one per %d requests)", requests / gcCount) : ""));
        table(b, "CPU samples by layer of the top frame", layerSelf, samples, top);
        table(
                b,
                "CPU samples by layer of the first non-JDK frame (JDK code charged to its caller)",
                layerCaller,
                samples,
                top);
        table(b, "Top frames (self)", self, samples, top);
        table(b, "Gateway methods on the stack (inclusive)", inclusive, samples, top);
        table(
                b,
                "Allocation by first non-JDK frame [type] (share of sampled bytes)",
                allocation,
                allocationWeight,
                top);
        return b.toString();
    }

    private static void table(StringBuilder b, String title, Map<String, Long> counts, long total, int top) {
        b.append('\n').append(title).append(":\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> b.append(
                        String.format("  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
    }

    private static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String firstNonJdk(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (!isJdk(type)) {
                return type;
            }
        }
        return frames.isEmpty() ? "?" : frames.get(0).getMethod().getType().getName();
    }

    private static String firstNonJdkMethod(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (!isJdk(f.getMethod().getType().getName())) {
                return f.getMethod().getName();
            }
        }
        return frames.isEmpty() ? "?" : frames.get(0).getMethod().getName();
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
    }

    static String layer(String type) {
        if (type.startsWith("dev.meridian.")) {
            return "meridian (gateway code)";
        } else if (type.startsWith("com.fasterxml.jackson.")) {
            return "jackson";
        } else if (type.startsWith("io.netty.")) {
            return "netty";
        } else if (type.startsWith("io.vertx.")) {
            return "vert.x";
        } else if (type.startsWith("io.micrometer.") || type.startsWith("io.prometheus.")) {
            return "micrometer/prometheus";
        } else if (type.startsWith("ch.qos.logback.") || type.startsWith("org.slf4j.")) {
            return "logging";
        } else if (isJdk(type)) {
            return "jdk";
        }
        return "other (" + type.substring(0, Math.max(0, type.lastIndexOf('.'))) + ")";
    }
}
