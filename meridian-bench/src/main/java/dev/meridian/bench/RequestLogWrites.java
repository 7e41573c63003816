package dev.meridian.bench;

import dev.meridian.server.journal.Journal;
import dev.meridian.server.journal.RequestLog;
import dev.meridian.store.Database;
import dev.meridian.store.model.RequestRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
     */
    record Result(
            String database,
            int records,
            int batchSize,
            double insertPerSecond,
            int threads,
            double appendPerSecond,
            double endToEndPerSecond,
            double appendNanos) {}

    private RequestLogWrites() {}

    static Result measure(String label, Database db, Path journalDir, int records, int batchSize, int threads)
            throws Exception {
        double insert = insertBatches(db, records, batchSize);
        System.out.printf(
                "%s: insertBatch %,d records in batches of %d: %,.0f records/s%n", label, records, batchSize, insert);
        long before = rows(db);
        double[] e2e = endToEnd(db, journalDir, records, batchSize, threads);
        long stored = rows(db) - before;
        if (stored != records + WARMUP) {
            throw new IllegalStateException(label + ": " + stored + " of " + (records + WARMUP)
                    + " journaled records reached the" + " database");
        }
        System.out.printf(
                "%s: journal → writer → database, %,d records on %d threads: append %,.0f records/s"
                        + " (%.0f ns each), all stored at %,.0f records/s%n",
                label, records, threads, e2e[0], e2e[2], e2e[1]);
        return new Result(label, records, batchSize, insert, threads, e2e[0], e2e[1], e2e[2]);
    }

    private static double insertBatches(Database db, int records, int batchSize) {
        SyntheticRecords gen = new SyntheticRecords(1);
        for (int i = 0; i < WARMUP; i += batchSize) {
            db.requestLog().insertBatch(gen.next(batchSize));
        }
        List<List<RequestRecord>> batches = new ArrayList<>();
        for (int i = 0; i < records; i += batchSize) {
            batches.add(gen.next(Math.min(batchSize, records - i)));
        }
        long t0 = System.nanoTime();
        for (List<RequestRecord> batch : batches) {
            db.requestLog().insertBatch(batch);
        }
        return records / ((System.nanoTime() - t0) / 1e9);
    }

    /** {appended per second, stored per second, mean ns per append}. */
    private static double[] endToEnd(Database db, Path journalDir, int records, int batchSize, int threads)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RequestLog log = new RequestLog(
                new Journal(journalDir, 16 << 20, 1L << 30), batchSize, Duration.ofMillis(200), registry)) {
            log.attach(db.requestLog());
            SyntheticRecords warm = new SyntheticRecords(99);
            for (int i = 0; i < WARMUP; i++) {
                log.append(warm.next());
            }
            awaitWritten(registry, WARMUP);
            List<List<RequestRecord>> perThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                perThread.add(new SyntheticRecords(100 + t).next(records / threads + (t < records % threads ? 1 : 0)));
            }
            long[] appendNanos = new long[threads];
            List<Thread> appenders = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int index = t;
                Thread appender = new Thread(
                        () -> {
                            long start = System.nanoTime();
                            for (RequestRecord r : perThread.get(index)) {
                                if (!log.append(r)) {
                                    throw new IllegalStateException("journal full");
                                }
                            }
                            appendNanos[index] = System.nanoTime() - start;
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
            long perAppend = 0;
            for (int t = 0; t < threads; t++) {
                perAppend += appendNanos[t] / perThread.get(t).size();
            }
            return new double[] {
                records / ((appended - t0) / 1e9), records / ((stored - t0) / 1e9), (double) perAppend / threads
            };
        }
    }

    private static void awaitWritten(SimpleMeterRegistry registry, long total) throws InterruptedException {
        long deadline = System.nanoTime() + END_TO_END_LIMIT.toNanos();
        double written;
        while ((written = registry.get("meridian_request_log_written").counter().count()) < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the writer stored only " + written + " of " + total + " records in " + END_TO_END_LIMIT);
            }
            Thread.sleep(2);
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
