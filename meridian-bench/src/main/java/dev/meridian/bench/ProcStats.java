package dev.meridian.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and memory of processes, read from Linux's /proc: utime and stime (fields 14 and 15 of
 * /proc/PID/stat, in clock ticks, covering every thread of the process) and VmRSS / VmHWM of
 * /proc/PID/status. The kernel's USER_HZ is 100 on every mainstream Linux build, so a tick is 10 ms.
 */
final class ProcStats {

    static final long TICK_MICROS = 10_000;

    private ProcStats() {}

    /** CPU time in clock ticks. */
    record Cpu(long user, long system) {
        static final Cpu ZERO = new Cpu(0, 0);

        Cpu plus(Cpu o) {
            return new Cpu(user + o.user, system + o.system);
        }

        Cpu minus(Cpu o) {
            return new Cpu(user - o.user, system - o.system);
        }

        long total() {
            return user + system;
        }
    }

    /** Resident set now and its high-water mark, in KiB. */
    record Memory(long rssKib, long hwmKib) {}

    static Cpu cpu(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces and parentheses: count fields after its closing ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new Cpu(Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    /** The process and all its descendants (nginx: master plus workers). */
    static Cpu cpuOfTree(long pid) {
        Cpu total = ProcStats.Cpu.ZERO;
        for (long p : tree(pid)) {
            try {
                total = total.plus(cpu(p));
            } catch (UncheckedIOException gone) {
                // A process that exited between listing and reading: its time is lost either way.
            }
        }
        return total;
    }

    /**
     * Machine-wide ticks from the first line of /proc/stat: {all, idle, steal}. Steal is time the hypervisor
     * gave this VM's CPUs to someone else, a source of noise the benchmark cannot control.
     */
    static long[] machine() {
        String[] f = read(Path.of("/proc/stat"))
                .lines()
                .findFirst()
                .orElseThrow()
                .trim()
                .split("\\s+");
        long all = 0;
        for (int i = 1; i < f.length; i++) {
            all += Long.parseLong(f[i]);
        }
        return new long[] {all, Long.parseLong(f[4]), f.length > 8 ? Long.parseLong(f[8]) : 0};
    }

    static Memory memory(long pid) {
        long rss = 0;
        long hwm = 0;
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            }
        }
        return new Memory(rss, hwm);
    }

    /**
     * CPU of every process whose command name is {@code command} (a local database server: its postmaster,
     * backends and background workers). A process that exits between two readings takes its time with it.
     */
    static Cpu cpuOfCommand(String command) {
        Cpu total = Cpu.ZERO;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path d : dirs) {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .equals(command)) {
                        total = total.plus(cpu(Long.parseLong(d.getFileName().toString())));
                    }
                } catch (IOException | RuntimeException gone) {
                    // Exited while listing.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    /** {@link #threadCpu(long)} of this process. */
    static Map<String, Long> threadCpu() {
        return threadCpu(ProcessHandle.current().pid());
    }

    /**
     * CPU ticks of process {@code pid}'s threads by name (as the kernel keeps it: the first 15 characters), threads
     * of one name added together; GC and JIT threads included, threads that ended before the call not.
     */
    static Map<String, Long> threadCpu(long pid) {
        Map<String, Long> ticks = new TreeMap<>();
        Path taskDir = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDir, "[0-9]*")) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f =
                            stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // Ended while listing.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** {@code pid} followed by its descendants, found through the parent pid field of every /proc/N/stat. */
    static List<Long> tree(long pid) {
        List<long[]> parents = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path d : dirs) {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    parents.add(new long[] {Long.parseLong(d.getFileName().toString()), Long.parseLong(f[1])});
                } catch (IOException | RuntimeException gone) {
                    // Exited while listing.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Long> out = new ArrayList<>(List.of(pid));
        for (int i = 0; i < out.size(); i++) {
            long parent = out.get(i);
            for (long[] pp : parents) {
                if (pp[1] == parent) {
                    out.add(pp[0]);
                }
            }
        }
        return out;
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
