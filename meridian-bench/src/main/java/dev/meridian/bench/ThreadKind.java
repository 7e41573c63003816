package dev.meridian.bench;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a thread of the gateway's JVM does, told by the name the kernel keeps for it (its first 15 characters), so
 * that the load benchmark can say where the gateway's CPU per request goes: the event loops that relay, the two
 * logs' background threads, and the JVM's own work. The JIT is apart because it is warm-up: its share falls towards
 * nothing the longer a gateway runs, yet minutes after the start it is still a few µs per request, more for the
 * configuration with more code to compile (docs/benchmarks.md, "Issue 10: steady state, per thread").
 */
enum ThreadKind {
    EVENT_LOOPS("event loops"),
    REQUEST_LOG("request-log writer"),
    ACCESS_LOG("access log"),
    JIT("JIT compilers"),
    VM("GC and safepoints"),
    OTHER("other");

    final String label;

    ThreadKind(String label) {
        this.label = label;
    }

    /** The kind of the thread named {@code name} in /proc (truncated to 15 characters, as the kernel keeps it). */
    static ThreadKind of(String name) {
        if (name.startsWith("vert.x-eventloo")) {
            return EVENT_LOOPS;
        }
        if (name.startsWith("meridian-reques")) {
            return REQUEST_LOG;
        }
        if (name.startsWith("meridian-log-")) {
            return ACCESS_LOG;
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        // The serial collector collects in the VM thread; the parallel and G1 collectors have GC threads of their own.
        if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return VM;
        }
        return OTHER;
    }

    /** CPU ticks of the process {@code pid}'s live threads, added up by kind. */
    static Map<ThreadKind, Long> ticksOf(long pid) {
        Map<ThreadKind, Long> byKind = new EnumMap<>(ThreadKind.class);
        ProcStats.threadCpu(pid).forEach((name, ticks) -> byKind.merge(of(name), ticks, Long::sum));
        return byKind;
    }

    /**
     * What each kind spent between two readings. A thread that ended in between takes its time with it, so a kind
     * can read less than it spent (never less than nothing).
     */
    static Map<ThreadKind, Long> minus(Map<ThreadKind, Long> after, Map<ThreadKind, Long> before) {
        Map<ThreadKind, Long> spent = new EnumMap<>(ThreadKind.class);
        after.forEach((kind, ticks) -> spent.put(kind, Math.max(0, ticks - before.getOrDefault(kind, 0L))));
        return spent;
    }
}
