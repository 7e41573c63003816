package dev.meridian.server.alerts;

import static java.util.Objects.requireNonNull;

import dev.meridian.server.config.AlertsConfig;
import dev.meridian.store.Database;
import dev.meridian.store.model.OutboxEntry;
import dev.meridian.store.model.OutboxStatus;
import dev.meridian.store.model.Page;
import dev.meridian.store.repo.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Raising alerts: {@link #enqueue} writes one outbox row per channel that takes the alert, in the database, so the
 * alert survives a restart and is delivered by whichever replica's dispatcher claims it first.
 *
 * <pre>{@code
 * alerts.enqueue(Alert.budgetThreshold(...), Alert.budgetDedupeKey(budgetId, periodStart, 0.8));
 * }</pre>
 *
 * <p>Thread-safe. {@link #start} must run before alerts are queued; the database may open later (queued alerts wait
 * for it).
 */
public final class Alerts {

    private final AlertsConfig config;
    private final Future<Database> database;
    private final MeterRegistry registry;
    private final Clock clock;
    private volatile Vertx vertx;
    private volatile AlertDispatcher dispatcher;
    private volatile AlertChannels channels;

    /** @param database completes once the database is open and migrated */
    public Alerts(AlertsConfig config, Future<Database> database, MeterRegistry registry, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.database = requireNonNull(database, "database");
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Starts delivering: the channels' clients and the dispatcher's timer on {@code vertx}. Once. */
    public void start(Vertx vertx) {
        this.vertx = requireNonNull(vertx, "vertx");
        AlertMetrics metrics = new AlertMetrics(registry, config.channels().keySet());
        channels = AlertChannels.of(vertx, config, clock);
        dispatcher = new AlertDispatcher(
                vertx,
                database,
                channels,
                metrics,
                new AlertBackoff(() -> ThreadLocalRandom.current().nextDouble()),
                clock);
        if (!config.channels().isEmpty()) {
            // Without channels nothing can be queued, so the default configuration never polls the database.
            dispatcher.start();
        }
    }

    /**
     * Stops delivering: no new attempts, and up to {@code within} for those under way to be recorded. An attempt still
     * under way afterwards is made again (by any replica) when its claim runs out, a minute later.
     */
    public Future<Void> stop(Duration within) {
        AlertDispatcher d = dispatcher;
        if (d == null) {
            return Future.succeededFuture();
        }
        return d.stop(within).eventually(() -> channels.close());
    }

    /** The configured channels' names. */
    public Set<String> channels() {
        return config.channels().keySet();
    }

    /**
     * Queues {@code alert} for every channel that takes its tenant (all channels without a {@code tenants} list), once
     * per {@code dedupeKey}: queuing the same key again, on this replica or another, adds nothing. Runs the JDBC on a
     * worker thread; callable from any thread, the event loop included.
     *
     * @param dedupeKey what makes the alert unique, such as {@code budget:<id>:<periodStart>:<fraction>}
     * @return the ids of the outbox rows added (empty when the key was queued before or no channel takes it); fails
     *     when the database fails, and waits while it is still opening
     */
    public Future<List<String>> enqueue(Alert alert, String dedupeKey) {
        requireNonNull(alert, "alert");
        requireNonNull(dedupeKey, "dedupeKey");
        Vertx v = vertx;
        if (v == null) {
            return Future.failedFuture(new IllegalStateException("alerts are not started"));
        }
        List<String> to = matching(alert.tenantId());
        if (to.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return database.compose(db -> v.executeBlocking(() -> insert(db, alert, dedupeKey, to), false));
    }

    /**
     * Queues a test alert for {@code channel}, or for every channel when null, whatever their tenants. Blocking: for
     * worker threads (the admin API).
     *
     * @return the ids of the rows added, one per channel
     * @throws IllegalArgumentException when no channel is named {@code channel}
     * @throws StoreException when the database is not open or fails
     */
    public List<String> enqueueTest(String channel) {
        List<String> to;
        if (channel == null) {
            to = List.copyOf(config.channels().keySet());
        } else if (config.channels().containsKey(channel)) {
            to = List.of(channel);
        } else {
            throw new IllegalArgumentException("no alert channel named " + channel);
        }
        Alert alert = new Alert(
                Alert.TEST,
                null,
                "Meridian test alert",
                "This is a test alert from Meridian: this channel receives alerts.",
                java.util.Map.of());
        return insert(openDatabase(), alert, "test:" + UUID.randomUUID(), to);
    }

    /**
     * The outbox, newest first. Blocking: for worker threads.
     *
     * @throws IllegalArgumentException for a cursor the store did not issue
     */
    public Page<OutboxEntry> list(OutboxStatus status, String cursor, int limit) {
        return openDatabase().alertOutbox().list(status, cursor, limit);
    }

    private List<String> matching(String tenantId) {
        List<String> names = new ArrayList<>();
        config.channels().forEach((name, c) -> {
            if (c.receives(tenantId)) {
                names.add(name);
            }
        });
        return names;
    }

    private List<String> insert(Database db, Alert alert, String dedupeKey, List<String> to) {
        String payload = AlertJson.payload(alert);
        List<String> ids = new ArrayList<>();
        for (String channel : to) {
            db.alertOutbox()
                    .enqueue(channel + ":" + dedupeKey, channel, alert.tenantId(), payload)
                    .ifPresent(e -> ids.add(e.id()));
        }
        AlertDispatcher d = dispatcher;
        if (!ids.isEmpty() && d != null) {
            d.poke();
        }
        return ids;
    }

    private Database openDatabase() {
        if (!database.succeeded()) {
            throw new StoreException("the database is not open yet");
        }
        return database.result();
    }
}
