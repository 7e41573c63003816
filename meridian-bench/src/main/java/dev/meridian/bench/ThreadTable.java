package dev.meridian.bench;

import java.util.List;
import java.util.Map;

/**
 * The report's account of the gateways' CPU per request by kind of thread ({@link ThreadKind}), over all rounds of
 * each cell, and what the defaults cost over the lean configuration with and without the JIT's compiler threads.
 * The process total is what the targets are judged on; this table says where it went, and how much of the
 * difference between the two configurations was compilation still going on.
 */
final class ThreadTable {

    private ThreadTable() {}

    /** The markdown section, or an empty string when no round measured a gateway's threads. */
    static String markdown(RoundTable table) {
        StringBuilder b = new StringBuilder();
        for (Scenario s : table.scenarios()) {
            for (int c : table.connections()) {
                for (String target : table.targets()) {
                    List<Round> cell = table.cell(s, c, target);
                    if (cell.isEmpty()
                            || cell.stream().allMatch(r -> r.proxyThreads().isEmpty())) {
                        continue;
                    }
                    b.append(String.format("| %s | %d | %s |", s.label(), c, target));
                    for (ThreadKind kind : ThreadKind.values()) {
                        b.append(String.format(" %.1f |", perRequest(cell, kind)));
                    }
                    b.append(String.format(" %.1f |", withoutJit(cell)));
                    b.append(ratio(table, s, c, target)).append('\n');
                }
            }
        }
        if (b.isEmpty()) {
            return "";
        }
        StringBuilder head = new StringBuilder("\n### Gateway CPU by thread\n\nµs per request over all rounds,"
                + " user+system, by the kernel's count for each thread; a thread that ended during a round is not"
                + " counted. The JIT compilers' share is warm-up that falls the longer the gateway runs.\n\n"
                + "| scenario | conns | target |");
        for (ThreadKind kind : ThreadKind.values()) {
            head.append(' ').append(kind.label).append(" |");
        }
        head.append(" all but the JIT | ÷ lean, all but the JIT |\n|");
        head.append(" --- | ---: | --- |" + " ---: |".repeat(ThreadKind.values().length + 2))
                .append('\n');
        return head.append(b).toString();
    }

    private static String ratio(RoundTable table, Scenario s, int c, String target) {
        if (!target.equals(Target.GATEWAY)) {
            return " – |";
        }
        double lean = withoutJit(table.cell(s, c, Target.GATEWAY_LEAN));
        return Double.isNaN(lean) ? " – |" : String.format(" %.2f× |", withoutJit(table.cell(s, c, target)) / lean);
    }

    /** µs per request of one kind of thread over the cell's rounds; NaN when the cell served nothing. */
    static double perRequest(List<Round> cell, ThreadKind kind) {
        return micros(
                cell,
                cell.stream()
                        .mapToLong(r -> r.proxyThreads().getOrDefault(kind, 0L))
                        .sum());
    }

    /** µs per request of every thread but the JIT's compilers; NaN for an empty cell or one without threads. */
    static double withoutJit(List<Round> cell) {
        if (cell.isEmpty() || cell.stream().allMatch(r -> r.proxyThreads().isEmpty())) {
            return Double.NaN;
        }
        return micros(
                cell,
                cell.stream()
                        .flatMap(r -> r.proxyThreads().entrySet().stream())
                        .filter(e -> e.getKey() != ThreadKind.JIT)
                        .mapToLong(Map.Entry::getValue)
                        .sum());
    }

    private static double micros(List<Round> cell, long ticks) {
        long requests = cell.stream().mapToLong(r -> r.result().requests()).sum();
        return requests == 0 ? Double.NaN : ticks * (double) ProcStats.TICK_MICROS / requests;
    }
}
