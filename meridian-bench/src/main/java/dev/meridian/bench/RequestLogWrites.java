package dev.meridian.bench;

import dev.meridian.server.journal.Journal;
import dev.meridian.server.journal.RequestLog;
import dev.meridian.store.Database;
import dev.meridian.store.model.RequestRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Write throughput of the request log on one database: {@code RequestLogRepository.insertBatch} alone, and the
 * whole path the gateway takes (journal append on caller threads, the writer thread batching into the database).
 */
final class RequestLogWrites {

    /** Records before the timed ones, so the JIT, the pool and the database's caches are warm. */
    private static final int WARMUP = 10_000;

    private static final Duration END_TO_END_LIMIT = Duration.ofMinutes(3);

    /**
     * @param insertPerSecond     records per second through insertBatch alone
     * @param appendPerSecond     records per second appended to the journal by all threads together
     * @param endToEndPerSecond   records per second from the first append until the last record is in the database
     * @param appendNanos         mean time of one append on one thread (encoding included)
     * @param insertCpuMicros     CPU of the inserting thread per record, insertBatch alone
     * @param writerCpuMicros     CPU of the process per record, less the appending threads' own CPU (the writer
     *                            thread, the database engine when it is in-process, GC), appending at full speed
     * @param pacedRate           records per second in the paced run (0: not run)
     * @param pacedCpuMicros      the same as writerCpuMicros, appending at {@code pacedRate}
     * @param serverCpuMicros     CPU of the database server's processes per record, in insertBatch, full speed and
     *                            paced (NaN when the database runs in-process or is not local)
     */
    record Result(
            String database,
            int records,
            int batchSize,
            double insertPerSecond,
            int threads,
            double appendPerSecond,
            double endToEndPerSecond,
            double appendNanos,
            double insertCpuMicros,
            double writerCpuMicros,
            int pacedRate,
            double pacedCpuMicros,
            double[] serverCpuMicros) {}

    /**
     * What one measurement writes and how.
     *
     * @param records       records per run
     * @param batchSize     records per insertBatch, and the request log's batch size
     * @param flushInterval how long the request log's writer waits for a batch to fill
     * @param threads       threads appending to the journal
     * @param rate          records per second of the paced run over all threads; 0 skips it
     * @param ordered       ids and timestamps rising with time, as the gateway writes them
     */
    record Workload(int records, int batchSize, Duration flushInterval, int threads, int rate, boolean ordered) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RequestLogWrites() {}

    static Result measure(String label, Database db, Path journalDir, Workload w, LongSupplier serverCpu)
            throws Exception {
        int records = w.records();
        int batchSize = w.batchSize();
        int threads = w.threads();
        int rate = w.rate();
        boolean ordered = w.ordered();
        double[] insert = insertBatches(db, records, batchSize, ordered, serverCpu);
        System.out.printf(
                "%s: insertBatch %,d records in batches of %d: %,.0f records/s, %.1f µs CPU each%n",
                label, records, batchSize, insert[0], insert[1]);
        double[] e2e = checked(label, db, records, () -> endToEnd(db, journalDir.resolve("full"), w, 0, serverCpu));
        System.out.printf(
                "%s: journal → writer → database, %,d records on %d threads: append %,.0f records/s"
                        + " (%.0f ns each), all stored at %,.0f records/s, %.1f µs CPU each besides appending%n",
                label, records, threads, e2e[0], e2e[2], e2e[1], e2e[3]);
        double[] paced = {0, 0, 0, Double.NaN, Double.NaN};
        if (rate > 0) {
            paced = checked(label, db, records, () -> endToEnd(db, journalDir.resolve("paced"), w, rate, serverCpu));
            System.out.printf(
                    "%s: journal → writer → database at %,d records/s: %.1f µs CPU each besides appending%n",
                    label, rate, paced[3]);
        }
        double[] server = {insert[2], e2e[4], paced[4]};
        if (serverCpu != null) {
            System.out.printf(
                    "%s: database server CPU per record: %.1f µs insertBatch, %.1f µs full speed, %.1f µs paced%n",
                    label, server[0], server[1], server[2]);
        }
        return new Result(
                label, records, batchSize, insert[0], threads, e2e[0], e2e[1], e2e[2], insert[1], e2e[3], rate,
                paced[3], server);
    }

    private interface Run {
        double[] run() throws Exception;
    }

    private static double[] checked(String label, Database db, int records, Run run) throws Exception {
        long before = rows(db);
        double[] result = run.run();
        long stored = rows(db) - before;
        if (stored != records + WARMUP) {
            throw new IllegalStateException(
                    label + ": " + stored + " of " + (records + WARMUP) + " journaled records reached the database");
        }
        return result;
    }

    /** CPU time of the whole process, in nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The server's CPU in µs, or 0 when it is not measured. */
    private static long serverMicros(LongSupplier serverCpu) {
        return serverCpu == null ? 0 : serverCpu.getAsLong();
    }

    private static double serverPerRecord(LongSupplier serverCpu, long micros0, int records) {
        return serverCpu == null ? Double.NaN : (double) (serverCpu.getAsLong() - micros0) / records;
    }

    /** {records per second, CPU µs per record of the inserting thread, of the database server}. */
    private static double[] insertBatches(
            Database db, int records, int batchSize, boolean ordered, LongSupplier serverCpu) {
        SyntheticRecords gen = new SyntheticRecords(1, ordered);
        for (int i = 0; i < WARMUP; i += batchSize) {
            db.requestLog().insertBatch(gen.next(batchSize));
        }
        List<List<RequestRecord>> batches = new ArrayList<>();
        for (int i = 0; i < records; i += batchSize) {
            batches.add(gen.next(Math.min(batchSize, records - i)));
        }
        long server0 = serverMicros(serverCpu);
        long t0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        for (List<RequestRecord> batch : batches) {
            db.requestLog().insertBatch(batch);
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        return new double[] {
            records / ((System.nanoTime() - t0) / 1e9),
            cpu / 1e3 / records,
            serverPerRecord(serverCpu, server0, records)
        };
    }

    /**
     * {appended per second, stored per second, mean ns per append, process CPU µs per record less the appenders',
     * database server CPU µs per record}.
     *
     * @param rate records per second over all appending threads; 0 appends as fast as they can
     */
    private static double[] endToEnd(Database db, Path journalDir, Workload w, int rate, LongSupplier serverCpu)
            throws Exception {
        int records = w.records();
        int batchSize = w.batchSize();
        Duration flushInterval = w.flushInterval();
        int threads = w.threads();
        boolean ordered = w.ordered();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RequestLog log =
                new RequestLog(new Journal(journalDir, 16 << 20, 1L << 30), batchSize, flushInterval, registry)) {
            log.attach(db.requestLog());
            SyntheticRecords warm = new SyntheticRecords(99 + rate, ordered);
            for (int i = 0; i < WARMUP; i++) {
                log.append(warm.next());
            }
            awaitWritten(registry, WARMUP);
            List<List<RequestRecord>> perThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                perThread.add(new SyntheticRecords(100 + rate + t, ordered)
                        .next(records / threads + (t < records % threads ? 1 : 0)));
            }
            long[] appendNanos = new long[threads];
            long[] appenderCpu = new long[threads];
            long interval = rate == 0 ? 0 : 1_000_000_000L * threads / rate;
            List<Thread> appenders = new ArrayList<>();
            long server0 = serverMicros(serverCpu);
            Map<String, Long> threads0 = ProcStats.threadCpu();
            long cpu0 = processCpu();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int index = t;
                Thread appender = new Thread(
                        () -> {
                            long start = System.nanoTime();
                            long due = start;
                            for (RequestRecord r : perThread.get(index)) {
                                if (interval > 0) {
                                    due += interval;
                                    long wait = due - System.nanoTime();
                                    if (wait > 0) {
                                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                                    }
                                }
                                if (!log.append(r)) {
                                    throw new IllegalStateException("journal full");
                                }
                            }
                            appendNanos[index] = System.nanoTime() - start;
                            appenderCpu[index] = THREADS.getCurrentThreadCpuTime();
                        },
                        "appender-" + t);
                appender.start();
                appenders.add(appender);
            }
            for (Thread a : appenders) {
                a.join();
            }
            long appended = System.nanoTime();
            awaitWritten(registry, WARMUP + records);
            long stored = System.nanoTime();
            long cpu = processCpu() - cpu0;
            double server = serverPerRecord(serverCpu, server0, records);
            printThreadCpu(threads0, ProcStats.threadCpu(), records);
            long perAppend = 0;
            for (int t = 0; t < threads; t++) {
                perAppend += appendNanos[t] / perThread.get(t).size();
                cpu -= appenderCpu[t];
            }
            return new double[] {
                records / ((appended - t0) / 1e9),
                records / ((stored - t0) / 1e9),
                (double) perAppend / threads,
                cpu / 1e3 / records,
                server
            };
        }
    }

    /** Where the process's CPU went during a run, by thread name, in µs per record (threads above 0.1 µs). */
    private static void printThreadCpu(Map<String, Long> before, Map<String, Long> after, int records) {
        StringBuilder line = new StringBuilder("  CPU µs/record by thread:");
        after.forEach((name, ticks) -> {
            double micros = (double) (ticks - before.getOrDefault(name, 0L)) * ProcStats.TICK_MICROS / records;
            if (micros >= 0.1) {
                line.append(String.format(" %s %.1f;", name, micros));
            }
        });
        System.out.println(line);
    }

    /**
     * Waits until the writer has stored {@code total} records. The counter is looked up once and read every 10 ms:
     * a registry search every 2 ms cost the process 1-2 µs per record, counted as the writer's.
     */
    private static void awaitWritten(SimpleMeterRegistry registry, long total) throws InterruptedException {
        long deadline = System.nanoTime() + END_TO_END_LIMIT.toNanos();
        Counter counter = registry.get("meridian_request_log_written").counter();
        double written;
        while ((written = counter.count()) < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the writer stored only " + written + " of " + total + " records in " + END_TO_END_LIMIT);
            }
            Thread.sleep(10);
        }
    }

    private static long rows(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM request_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
