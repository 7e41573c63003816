package dev.meridian.server.journal;

import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.crypto.UnreadableSecretException;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.repo.RequestLogRepository;
import dev.meridian.store.repo.RequestLogWriter;
import dev.meridian.store.repo.SqlFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log: one record per request, appended to the {@link Journal} on the event loop as the answer
 * completes (a memory copy, no I/O wait), and written to the database in batches by one background thread, which
 * reads each batch from the journal a chunk at a time as it writes it ({@link JournalBatch}).
 * While the database is unreachable the records wait in the journal on local disk and the writer retries
 * with backoff; when it is back they are written in order. Records are inserted idempotently by request id,
 * so what the journal gives again after a restart is never counted twice. A database outage never reaches
 * callers: nothing on the request path waits for it.
 */
public final class RequestLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(10).toNanos();
    /** How often the writer looks for records while it waits for a batch to fill. */
    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();
    /** Records read from the journal, decoded and written at a time within a batch. */
    private static final int CHUNK = 500;

    private final Journal journal;
    private final AtomicReference<RequestLogRepository> repository = new AtomicReference<>();
    private final int batchSize;
    private final int maxRecordBytes;
    private final long idleNanos;
    private final Thread writer;
    private final Counter written;
    private final Counter failedBatches;
    private final Counter skipped;
    private volatile boolean running = true;
    private volatile boolean databaseDown;
    private final KeyRing keys;
    /** Journal bytes per record in the last batch: how many pending bytes make a full batch. Writer thread only. */
    private long recordBytes = 1024;

    public RequestLog(Journal journal, int batchSize, Duration flushInterval, MeterRegistry registry) {
        this(journal, batchSize, flushInterval, registry, KeyRing.none());
    }

    /**
     * @param keys seal the bodies in the journal (on local disk until stored) as in the database, when they have a
     *     current master key
     */
    public RequestLog(Journal journal, int batchSize, Duration flushInterval, MeterRegistry registry, KeyRing keys) {
        this.keys = keys;
        this.journal = journal;
        this.maxRecordBytes = journal.maxRecordBytes();
        this.batchSize = batchSize;
        this.idleNanos = flushInterval.toNanos();
        this.written = Counter.builder("meridian_request_log_written")
                .description("Request records stored")
                .register(registry);
        this.failedBatches = Counter.builder("meridian_request_log_failed_batches")
                .description("Batches the database refused (retried)")
                .register(registry);
        this.skipped = Counter.builder("meridian_request_log_skipped")
                .description("Records the database refused for their content (logged, not stored)")
                .register(registry);
        Gauge.builder("meridian_request_log_journal_bytes", journal, Journal::pendingBytes)
                .description("Bytes of journaled records not yet stored in the database")
                .register(registry);
        FunctionCounter.builder("meridian_request_log_dropped", journal, Journal::dropped)
                .description("Records dropped because the journal was full")
                .register(registry);
        Gauge.builder("meridian_request_log_database_up", this, r -> r.databaseDown ? 0 : 1)
                .description("1 while the request log reaches its database")
                .register(registry);
        this.writer = new Thread(this::run, "meridian-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** The database, once open; until then records wait in the journal. */
    public void attach(RequestLogRepository repository) {
        this.repository.set(repository);
        LockSupport.unpark(writer);
    }

    /** Appends the record of a finished request. Called on its event loop; never waits for I/O, never throws. */
    public void record(RequestContext ctx) {
        RequestRecord record;
        try {
            record = RequestRecords.of(ctx);
        } catch (RuntimeException e) {
            LOG.error("request log: the record of request {} could not be built", ctx.requestId(), e);
            return;
        }
        append(record);
    }

    /**
     * Appends one record as {@link #record(RequestContext)} does, for callers that build the record themselves
     * (the request-log benchmark). Thread-safe; never waits for I/O.
     *
     * Its bodies are left out when the whole would not fit a journal segment.
     *
     * @return false when the record was dropped: the journal is full (counted in the dropped gauge) or the
     *         record could not be journaled (logged)
     */
    public boolean append(RequestRecord record) {
        try {
            byte[] bytes = RecordCodec.encode(sealed(record));
            if (bytes.length > maxRecordBytes) {
                LOG.warn(
                        "request log: the bodies of request {} ({} bytes) exceed the journal's record limit and are"
                                + " not stored",
                        record.requestId(),
                        bytes.length);
                bytes = RecordCodec.encode(record.withoutBodies());
            }
            return journal.append(bytes);
        } catch (RuntimeException e) {
            LOG.error("request log: the record of request {} could not be journaled", record.requestId(), e);
            return false;
        }
    }

    private void run() {
        long lastStore = System.nanoTime();
        long backoff = 0;
        RequestLogWriter writer = null;
        while (running) {
            Journal.Position start = journal.readPosition();
            try {
                RequestLogRepository repo = repository.get();
                // A batch as large as the configured size, or what came in during flushInterval: larger
                // transactions write each index page once for many records instead of once for a few. Until then the
                // records wait in the journal, not in the heap (JournalBatch says why).
                if (repo == null || !due(lastStore)) {
                    LockSupport.parkNanos(Math.min(idleNanos, POLL_NANOS));
                    continue;
                }
                JournalBatch batch = new JournalBatch(journal, batchSize, CHUNK, this::decodeAll);
                if (!batch.hasNext()) {
                    journal.acknowledgeRead();
                    LockSupport.parkNanos(Math.min(idleNanos, POLL_NANOS));
                    continue;
                }
                if (writer == null) {
                    writer = repo.openWriter();
                }
                store(writer, batch, start);
                journal.acknowledge(batch.end());
                recordBytes = Math.max(1, batch.bytesPerRecord());
                lastStore = System.nanoTime();
                backoff = 0;
                if (databaseDown) {
                    databaseDown = false;
                    LOG.info("request log: the database is reachable again; writing what waited in the journal");
                }
            } catch (Throwable e) {
                journal.rewind(start); // what was read and not stored is read again at the next attempt
                if (writer != null) {
                    writer.close();
                    writer = null;
                }
                failedBatches.increment();
                if (!databaseDown) {
                    databaseDown = true;
                    LOG.warn(
                            "request log: the database refused a batch ({}); records wait in the journal and are"
                                    + " retried",
                            e.toString());
                }
                backoff = Math.min(
                        MAX_BACKOFF_NANOS, Math.max(Duration.ofMillis(250).toNanos(), backoff * 2));
                LockSupport.parkNanos(backoff);
            }
        }
        if (writer != null) {
            writer.close();
        }
    }

    /** Whether to write now: flushInterval has passed since the last batch, or a full batch waits in the journal. */
    private boolean due(long lastStore) {
        return System.nanoTime() - lastStore >= idleNanos || journal.pendingBytes() >= (long) batchSize * recordBytes;
    }

    /** The record with its bodies sealed for the journal, bound to its request id. */
    private RequestRecord sealed(RequestRecord r) {
        if (!keys.enabled() || (r.prompt() == null && r.completion() == null)) {
            return r;
        }
        return r.withBodies(
                keys.seal(r.prompt(), "journal.prompt:" + r.requestId()),
                keys.seal(r.completion(), "journal.completion:" + r.requestId()));
    }

    /**
     * The record with its journaled bodies opened. Bodies sealed under a key this process was not given (a restart
     * without it) cannot be read: the record is stored without them, and the loss is logged with the key id.
     */
    private RequestRecord opened(RequestRecord r) {
        if (r.prompt() == null && r.completion() == null) {
            return r;
        }
        try {
            return r.withBodies(
                    keys.open(r.prompt(), "journal.prompt:" + r.requestId()),
                    keys.open(r.completion(), "journal.completion:" + r.requestId()));
        } catch (UnreadableSecretException e) {
            LOG.error("request log: {}; request {} is stored without its bodies", e.getMessage(), r.requestId());
            return r.withoutBodies();
        }
    }

    private List<RequestRecord> decodeAll(List<Journal.Entry> entries) {
        List<RequestRecord> records = new ArrayList<>(entries.size());
        for (Journal.Entry e : entries) {
            try {
                records.add(opened(RecordCodec.decode(e.payload())));
            } catch (IOException | RuntimeException corrupt) {
                LOG.error("request log: skipping an unreadable journal record: {}", corrupt.toString());
            }
        }
        return records;
    }

    /**
     * Inserts a batch. When the database refuses it for its content (SQLState class 22, data exception, or 23,
     * integrity constraint), its records are read again from {@code start} and tried one by one, and those refused for
     * their content are logged and skipped, so one bad record cannot block the log for ever. Any other failure (the
     * database is down, a connection broke) propagates and the whole batch is retried later; what went in meanwhile
     * is ignored then.
     */
    private void store(RequestLogWriter repo, JournalBatch batch, Journal.Position start) {
        try {
            repo.insertBatch(batch);
            written.increment(batch.decoded());
            return;
        } catch (RuntimeException refused) {
            if (!SqlFailure.refusedContent(refused)) {
                throw refused;
            }
        }
        journal.rewind(start);
        for (int i = 0; i < batch.read(); i++) {
            for (RequestRecord r : decodeAll(journal.poll(1))) {
                try {
                    repo.insertBatch(List.of(r));
                    written.increment();
                } catch (RuntimeException e) {
                    if (!SqlFailure.refusedContent(e)) {
                        throw e;
                    }
                    LOG.error(
                            "request log: the database refuses record {} for its content ({}); it is skipped",
                            r.requestId(),
                            e.getMessage());
                    skipped.increment();
                }
            }
        }
    }

    public boolean databaseDown() {
        return databaseDown;
    }

    /** Stops the writer (what it has not stored stays in the journal for the next start) and syncs the journal. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
