package dev.meridian.server.storage;

import dev.meridian.server.config.StorageConfig;
import dev.meridian.server.journal.Journal;
import dev.meridian.server.journal.RequestLog;
import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.store.MasterKeyMissingException;
import dev.meridian.store.SchemaTooNewException;
import dev.meridian.store.crypto.KeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's database and request log. The database opens (and migrates) on a thread of its own, so start-up
 * does not wait for it and an unreachable database does not stop the gateway: the opener retries every 5
 * seconds while the request log keeps its records in the journal. Only a database migrated by a newer
 * Meridian fails {@link #database()} for good, and the gateway stops.
 */
public final class GatewayStorage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayStorage.class);
    private static final long RETRY_MILLIS = 5_000;

    private final Promise<Database> database = Promise.promise();
    private final RequestLog requestLog;
    private final Thread opener;
    private volatile boolean closed;
    private final Path home;
    private final KeyRing keys;

    /** Without a master key. */
    public GatewayStorage(StorageConfig config, Path home, MeterRegistry registry) {
        this(config, home, registry, KeyRing.none());
    }

    /**
     * @param home the data directory (MERIDIAN_HOME): the SQLite file and the request-log journal live there
     * @param keys the master keys that seal bodies, stored responses and provider credentials
     */
    public GatewayStorage(StorageConfig config, Path home, MeterRegistry registry, KeyRing keys) {
        this.home = home;
        this.keys = java.util.Objects.requireNonNull(keys, "keys");
        StorageConfig.RequestLog log = config.requestLog();
        this.requestLog = log.enabled()
                ? new RequestLog(
                        new Journal(home.resolve("journal"), (int) log.segmentSize(), log.maxJournalSize()),
                        log.batchSize(),
                        log.flushInterval(),
                        registry,
                        keys)
                : null;
        DatabaseConfig db = databaseConfig(config, home);
        this.opener = new Thread(() -> open(db), "meridian-database-open");
        opener.setDaemon(true);
    }

    /** The master keys: what seals bodies, stored responses, provider credentials and the cache's Redis entries. */
    public KeyRing keys() {
        return keys;
    }

    /**
     * Starts opening the database. Called once the gateway listens: opening and migrating costs about a second
     * of CPU, which would otherwise compete with the start on a small machine.
     */
    public void open() {
        opener.start();
    }

    private void open(DatabaseConfig config) {
        boolean warned = false;
        while (!closed) {
            try {
                Database db = Database.open(config, Clock.systemUTC(), keys);
                synchronized (this) {
                    if (closed) {
                        db.close(); // the gateway stopped while the database opened
                        return;
                    }
                    if (requestLog != null) {
                        requestLog.attach(db.requestLog());
                    }
                    database.complete(db);
                }
                if (warned) {
                    LOG.info("database {} is reachable; storage is up", config.dialect());
                }
                return;
            } catch (SchemaTooNewException | MasterKeyMissingException e) {
                database.fail(e);
                return;
            } catch (Error e) {
                database.tryFail(e);
                throw e;
            } catch (RuntimeException e) {
                if (!warned) {
                    LOG.warn(
                            "database cannot be opened ({}); retrying every {} s. Requests are served; virtual keys"
                                    + " not seen before answer 503 and request records wait in the journal",
                            e.getMessage(),
                            RETRY_MILLIS / 1000);
                    warned = true;
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** The data directory (MERIDIAN_HOME): the SQLite file, the journal and the audit file live there. */
    public Path home() {
        return home;
    }

    /** Completes once the database is open and migrated. */
    public Future<Database> database() {
        return database.future();
    }

    /** The request log, or null when it is disabled. */
    public RequestLog requestLog() {
        return requestLog;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        opener.interrupt();
        if (opener.isAlive()) {
            try {
                // An open in progress finishes (and closes what it opened) before the files are let go.
                opener.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (requestLog != null) {
            requestLog.close();
        }
        if (database.future().succeeded()) {
            database.future().result().close();
        } else {
            database.tryFail(new IllegalStateException("the gateway stopped"));
        }
    }

    /** The database of {@code config}: its URL, or the SQLite file {@code meridian.db} in {@code home}. */
    public static DatabaseConfig databaseConfig(StorageConfig config, Path home) {
        return new DatabaseConfig(
                config.url() != null
                        ? config.url()
                        : "jdbc:sqlite:" + home.resolve(Database.SQLITE_FILE).toAbsolutePath(),
                config.username(),
                config.password(),
                config.maxPoolSize());
    }

    /** MERIDIAN_HOME, or ./data. */
    public static Path home(java.util.function.Function<String, String> env) {
        String home = env.apply("MERIDIAN_HOME");
        return Path.of(home == null || home.isBlank() ? "data" : home);
    }
}
