package dev.meridian.server.secrets;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.Database;
import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.model.EncryptionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background job that moves every sealed value to the current master key: once when the database opens and then
 * every {@link #INTERVAL}, on a worker thread, a short transaction per batch while traffic goes on. One pass at a time
 * per replica; two replicas' passes never overwrite each other (a row changed since it was read is left alone).
 * Metrics: {@code meridian_secrets_reencrypted_total} and {@code meridian_secrets_pending} (values still in the clear or
 * under an older key, as counted after the last pass).
 */
public final class Reencryption {
    private static final Logger LOG = LoggerFactory.getLogger(Reencryption.class);
    /** How often a pass runs after the first: values written meanwhile by replicas on an older key are caught. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);
    /** Rows per transaction. */
    static final int BATCH = 200;

    private final Future<Database> database;
    private final Counter reencrypted;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Vertx vertx;

    public Reencryption(Future<Database> database, MeterRegistry registry) {
        this.database = requireNonNull(database, "database");
        this.reencrypted = Counter.builder("meridian_secrets_reencrypted")
                .description("Sealed values moved to the current master key by the re-encryption job")
                .register(registry);
        Gauge.builder("meridian_secrets_pending", pending, AtomicLong::get)
                .description(
                        "Values in the clear or under an older master key, as counted after the last re-encryption pass")
                .register(registry);
    }

    /** Runs a pass when the database opens, then every {@link #INTERVAL}. */
    public void start(Vertx vertx) {
        this.vertx = vertx;
        database.onSuccess(db -> {
            warnOfBodiesInTheClear(vertx, db);
            run();
        });
        vertx.setPeriodic(INTERVAL.toMillis(), INTERVAL.toMillis(), id -> run());
    }

    /**
     * Runs a pass now unless one is running on this replica; completes with how many values it sealed again (0 when
     * it did not run: no master key, no database yet, or a pass already under way).
     */
    public Future<Long> run() {
        Vertx v = vertx;
        if (v == null || !database.succeeded() || !database.result().keys().enabled()) {
            return Future.succeededFuture(0L);
        }
        if (!running.compareAndSet(false, true)) {
            return Future.succeededFuture(0L);
        }
        Database db = database.result();
        return v.<Long>executeBlocking(() -> pass(db), false).onComplete(ar -> {
            running.set(false);
            if (ar.failed()) {
                LOG.warn(
                        "re-encryption pass failed (the next one retries): {}",
                        ar.cause().getMessage());
            }
        });
    }

    private long pass(Database db) {
        long start = System.nanoTime();
        long done = db.encryption().reencrypt(BATCH);
        reencrypted.increment(done);
        EncryptionStatus status = db.encryption().status();
        long stale = status.notUnder(db.keys().currentId());
        pending.set(stale);
        if (done > 0) {
            LOG.info(
                    "re-encryption: {} value(s) sealed under master key id {} in {} ms; {} left in the clear or under"
                            + " older keys",
                    done,
                    db.keys().currentId(),
                    java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    stale);
        }
        return done;
    }

    /** Without a master key bodies are kept in the clear: say so once at start when a tenant keeps them. */
    private static void warnOfBodiesInTheClear(Vertx vertx, Database db) {
        if (db.keys().enabled()) {
            return;
        }
        vertx.executeBlocking(() -> db.encryption().anyTenantStoresBodies(), false)
                .onSuccess(any -> {
                    if (any) {
                        LOG.warn(
                                "{} is not set: the bodies that tenants with store_bodies keep, and stored Responses,"
                                        + " are written in the clear. Set it (32 random bytes in base64) to encrypt"
                                        + " them.",
                                KeyRing.CURRENT_ENV);
                    }
                });
    }
}
