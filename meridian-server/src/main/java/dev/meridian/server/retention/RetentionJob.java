package dev.meridian.server.retention;

import static java.util.Objects.requireNonNull;

import dev.meridian.server.config.StorageConfig;
import dev.meridian.store.Database;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.repo.ErasureRepository;
import dev.meridian.store.repo.RequestLogPartitions;
import dev.meridian.store.repo.RetentionRepository;
import dev.meridian.store.repo.RetentionRepository.Position;
import dev.meridian.store.repo.TenantRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the request log's retention, on each replica every {@code storage.requestLog.purgeInterval}, on a worker
 * thread. One run:
 *
 * <ol>
 *   <li>creates PostgreSQL's partitions of this month and the next {@value #MONTHS_AHEAD} (nothing on SQLite);
 *   <li>per tenant, deletes the rows older than its retention and the bodies older than its body retention, in
 *       bounded batches through {@code (tenant_id, ts)}; rows without a tenant follow the gateway's default;
 *   <li>drops whole partitions older than the longest retention in force;
 *   <li>applies remembered erasures again to records that were still in a journal when they ran, and forgets those
 *       past their recheck window.
 * </ol>
 *
 * Replicas may run at once: every step is idempotent, and a step that loses a race fails that run only.
 */
public final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    static final int MONTHS_AHEAD = 2;
    /** Batches per tenant and kind in one run, so one large backlog cannot hold a run for ever. */
    static final int MAX_BATCHES = 1_000;

    private final StorageConfig.RequestLog config;
    private final Clock clock;
    private final Counter rowsPurged;
    private final Counter bodiesPurged;
    private final Counter partitionsCreated;
    private final Counter partitionsDropped;
    private final Counter erasuresReapplied;
    private final Counter failedRuns;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Where each tenant's walk for expired bodies stopped ("" for rows without a tenant). */
    private final Map<String, Position> bodyWalks = new ConcurrentHashMap<>();

    public RetentionJob(StorageConfig.RequestLog config, MeterRegistry registry, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.rowsPurged = Counter.builder("meridian_retention_rows_purged")
                .description("Request-log rows deleted past their retention")
                .register(registry);
        this.bodiesPurged = Counter.builder("meridian_retention_bodies_purged")
                .description("Stored prompts and completions deleted past their retention")
                .register(registry);
        this.partitionsCreated = Counter.builder("meridian_retention_partitions_created")
                .description("Request-log partitions created ahead (PostgreSQL)")
                .register(registry);
        this.partitionsDropped = Counter.builder("meridian_retention_partitions_dropped")
                .description("Request-log partitions dropped past the longest retention (PostgreSQL)")
                .register(registry);
        this.erasuresReapplied = Counter.builder("meridian_retention_erased_late_records")
                .description("Request-log rows of erased subjects that arrived after their erasure and were erased")
                .register(registry);
        this.failedRuns = Counter.builder("meridian_retention_failed_runs")
                .description("Retention runs that failed (retried at the next interval)")
                .register(registry);
    }

    /** Runs every {@code purgeInterval} once the database is open, the first time one interval after the start. */
    public void start(Vertx vertx, Future<Database> database) {
        long every = config.purgeInterval().toMillis();
        vertx.setPeriodic(every, every, id -> {
            if (!database.succeeded() || !running.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(() -> run(database.result()), false).onComplete(ar -> {
                running.set(false);
                if (ar.failed()) {
                    failedRuns.increment();
                    LOG.warn(
                            "the request log's retention run failed: {}",
                            ar.cause().toString());
                }
            });
        });
    }

    /** What one run did. */
    public record Report(long rows, long bodies, int partitionsCreated, int partitionsDropped, long lateErased) {}

    /** One run, blocking. */
    public Report run(Database db) {
        Instant now = clock.instant();
        RetentionRepository retention = new RetentionRepository(db.dataSource(), db.dialect());
        RequestLogPartitions partitions = new RequestLogPartitions(db.dataSource(), db.dialect());
        int created = partitions.createAhead(now, MONTHS_AHEAD).size();
        long rows = 0;
        long bodies = 0;
        Duration longest = config.retention();
        String cursor = null;
        do {
            Page<Tenant> page = db.tenants().list(cursor, TenantRepository.MAX_PAGE);
            for (Tenant t : page.items()) {
                Duration keep = t.retention().requestLogOr(config.retention());
                Duration keepBodies = t.retention().bodiesOr(config.bodyRetention(), keep);
                longest = keep.compareTo(longest) > 0 ? keep : longest;
                rows += purgeRows(retention, t.id(), now.minus(keep));
                bodies += purgeBodies(retention, t.id(), now.minus(keep), now.minus(keepBodies));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        Duration defaultBodies =
                config.bodyRetention().compareTo(config.retention()) > 0 ? config.retention() : config.bodyRetention();
        rows += purgeRows(retention, null, now.minus(config.retention()));
        bodies += purgeBodies(retention, null, now.minus(config.retention()), now.minus(defaultBodies));
        int dropped = 0;
        for (RequestLogPartitions.Dropped d : partitions.dropOlderThan(now.minus(longest))) {
            rows += d.rows();
            dropped++;
            LOG.info(
                    "dropped request-log partition {} ({} rows) past the longest retention",
                    d.partition().name(),
                    d.rows());
        }
        long late = reapplyErasures(new ErasureRepository(db.dataSource(), db.dialect()), now);
        rowsPurged.increment(rows);
        bodiesPurged.increment(bodies);
        partitionsCreated.increment(created);
        partitionsDropped.increment(dropped);
        erasuresReapplied.increment(late);
        return new Report(rows, bodies, created, dropped, late);
    }

    private long purgeRows(RetentionRepository retention, String tenantId, Instant cutoff) {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = retention.purgeRows(tenantId, cutoff, config.purgeBatchSize());
            total += n;
            if (n < config.purgeBatchSize()) {
                break;
            }
        }
        return total;
    }

    private long purgeBodies(RetentionRepository retention, String tenantId, Instant rowCutoff, Instant cutoff) {
        String key = tenantId == null ? "" : tenantId;
        Position from = bodyWalks.getOrDefault(key, Position.START);
        if (from.ts() < rowCutoff.toEpochMilli()) {
            from = new Position(rowCutoff.toEpochMilli(), ""); // older rows are gone with their bodies
        }
        long total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            RetentionRepository.Batch b = retention.purgeBodies(tenantId, from, cutoff, config.purgeBatchSize());
            total += b.deleted();
            if (b.done()) {
                break;
            }
            from = b.next();
        }
        bodyWalks.put(key, from);
        return total;
    }

    private long reapplyErasures(ErasureRepository erasures, Instant now) {
        long late = 0;
        for (ErasureRepository.Pending p : erasures.pending()) {
            late += erasures.erase(p.tenantId(), p.subject(), p.erasedAt(), config.purgeBatchSize())
                    .requests();
            if (now.isAfter(p.recheckUntil())) {
                erasures.forget(p.id());
            }
        }
        return late;
    }
}
