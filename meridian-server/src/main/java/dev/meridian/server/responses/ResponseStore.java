package dev.meridian.server.responses;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.StoredResponse;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.config.StorageConfig;
import dev.meridian.store.Database;
import dev.meridian.store.model.SavedResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Responses API's stored responses, per owner ({@link #owner}), in the database, kept for the configured
 * retention and swept once an hour. Every call runs its JDBC on a worker thread and answers with a future, so an
 * event loop never waits on the database. A read of a response this replica is still writing waits for that write
 * (a caller who continues a response the moment it arrived finds it). The bytes waiting to be written are bounded
 * ({@link #admits}): past the bound, requests that would store are refused before they are sent, while every
 * response already admitted is still written. Thread-safe.
 */
public final class ResponseStore {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseStore.class);
    private static final long SWEEP_MILLIS = Duration.ofHours(1).toMillis();

    private final Future<Database> database;
    private final Duration retention;
    private final long maxPendingBytes;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Clock clock;
    private final Map<String, Future<?>> writing = new ConcurrentHashMap<>();
    private volatile Vertx vertx;

    /**
     * @param database completes once the database is open; until then every call fails with 503
     * @param settings how long a response can be read after it was stored, and the bound on bytes waiting
     */
    public ResponseStore(
            Future<Database> database, StorageConfig.Responses settings, MeterRegistry registry, Clock clock) {
        this.database = requireNonNull(database, "database");
        this.retention = settings.retention();
        this.maxPendingBytes = settings.maxPendingWrites();
        this.clock = requireNonNull(clock, "clock");
        Gauge.builder("meridian_responses_pending_bytes", pendingBytes, AtomicLong::get)
                .description("Bytes of Responses API answers waiting to be written to the database")
                .baseUnit("bytes")
                .register(registry);
    }

    /**
     * Whether a request that asks to store its response may go ahead: false while the responses waiting to be
     * written hold {@code storage.responses.maxPendingWrites} or more.
     */
    public boolean admits() {
        return pendingBytes.get() < maxPendingBytes;
    }

    /** Starts the hourly sweep of expired responses; calls before this fail. */
    public void start(Vertx vertx) {
        this.vertx = vertx;
        vertx.setPeriodic(SWEEP_MILLIS, SWEEP_MILLIS, id -> sweep());
    }

    /** Whose a stored response is: the caller's tenant, or {@code config:<name>} for a configured key. */
    public static String owner(Principal principal) {
        if (principal == null) {
            return Principal.CONFIGURED_KEY_PREFIX;
        }
        return principal.tenantId() != null
                ? principal.tenantId()
                : Principal.CONFIGURED_KEY_PREFIX + principal.keyName();
    }

    /** The response {@code id} of {@code owner}, or null when it does not exist, expired or is another owner's. */
    public Future<StoredResponse> find(String owner, String id) {
        Future<?> pending = writing.get(key(owner, id));
        Future<Void> after =
                pending == null ? Future.succeededFuture() : pending.transform(ar -> Future.<Void>succeededFuture());
        return after.compose(v -> blocking(db -> db.responses()
                .find(owner, id, clock.instant())
                .map(ResponseStore::stored)
                .orElse(null)));
    }

    /** Deletes the response {@code id} of {@code owner}; true when there was one. */
    public Future<Boolean> delete(String owner, String id) {
        return blocking(db -> db.responses().delete(owner, id, clock.instant()));
    }

    /** Stores {@code response} for {@code owner}; a failure is logged, never thrown at the request. */
    public void save(String owner, String keyId, StoredResponse response) {
        Instant now = clock.instant();
        SavedResponse row = new SavedResponse(
                owner,
                response.id(),
                keyId,
                response.model(),
                now,
                now.plus(retention),
                new String(response.response(), StandardCharsets.UTF_8),
                new String(response.items(), StandardCharsets.UTF_8));
        String key = key(owner, response.id());
        long bytes = (long) response.response().length + response.items().length;
        pendingBytes.addAndGet(bytes);
        Future<Boolean> write = blocking(db -> db.responses().save(row));
        writing.put(key, write);
        write.onComplete(ar -> {
            pendingBytes.addAndGet(-bytes);
            writing.remove(key, write);
            if (ar.failed()) {
                LOG.warn(
                        "response {} could not be stored: {}",
                        response.id(),
                        ar.cause().toString());
            }
        });
    }

    private void sweep() {
        blocking(db -> db.responses().deleteExpired(clock.instant()))
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("deleted {} stored responses past their retention", n);
                    }
                })
                .onFailure(e -> LOG.warn("the sweep of expired responses failed: {}", e.toString()));
    }

    private <T> Future<T> blocking(java.util.function.Function<Database, T> work) {
        Vertx v = vertx;
        if (v == null || database.failed() || !database.isComplete()) {
            return Future.failedFuture(GatewayException.of(
                    ErrorCode.DATABASE_UNAVAILABLE, "Stored responses are unavailable: the database is not open."));
        }
        Database db = database.result();
        return v.executeBlocking(() -> work.apply(db), false);
    }

    private static String key(String owner, String id) {
        return owner + '\0' + id;
    }

    private static StoredResponse stored(SavedResponse row) {
        return new StoredResponse(
                row.id(),
                row.model(),
                row.createdAt().getEpochSecond(),
                row.response().getBytes(StandardCharsets.UTF_8),
                row.items().getBytes(StandardCharsets.UTF_8));
    }
}
