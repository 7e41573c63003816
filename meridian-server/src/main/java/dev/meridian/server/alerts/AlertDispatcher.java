package dev.meridian.server.alerts;

import dev.meridian.store.Database;
import dev.meridian.store.model.OutboxEntry;
import dev.meridian.store.repo.AlertOutboxRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due outbox rows, every second and whenever an alert is queued. Each tick reads the due rows and claims them for
 * a {@link #LEASE} on a worker thread (JDBC never runs on an event loop), then sends each claimed row through its
 * channel's sender; a delivery marks the row delivered, a failure schedules the next attempt by {@link AlertBackoff}.
 * Rows are never given up: a channel that fails {@value #WARN_AFTER} times in a row for one alert is logged once as a
 * warning, and the alert keeps being retried every 10 minutes until it goes through.
 *
 * <p>Thread-safe: ticks may start on any thread; one tick runs at a time.
 */
final class AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    static final long TICK_MILLIS = 1_000;
    /** How long a claimed row is left to its sender before any replica may send it again; well above a send's timeout. */
    static final Duration LEASE = Duration.ofSeconds(60);

    static final int MAX_IN_FLIGHT = 64;
    static final int WARN_AFTER = 10;

    private final Vertx vertx;
    private final Future<Database> database;
    private final AlertChannels channels;
    private final AlertMetrics metrics;
    private final AlertBackoff backoff;
    private final Clock clock;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean databaseWarned = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long timer = -1;

    AlertDispatcher(
            Vertx vertx,
            Future<Database> database,
            AlertChannels channels,
            AlertMetrics metrics,
            AlertBackoff backoff,
            Clock clock) {
        this.vertx = vertx;
        this.database = database;
        this.channels = channels;
        this.metrics = metrics;
        this.backoff = backoff;
        this.clock = clock;
    }

    void start() {
        timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    }

    /** Looks for due rows now rather than at the next tick (an alert was just queued). */
    void poke() {
        vertx.runOnContext(v -> tick());
    }

    private void tick() {
        if (stopped || !database.succeeded()) {
            return;
        }
        if (!ticking.compareAndSet(false, true)) {
            again.set(true); // a tick is reading; it runs once more when done, so a poke is never lost
            return;
        }
        int room = MAX_IN_FLIGHT - inFlight.get();
        AlertOutboxRepository outbox = database.result().alertOutbox();
        vertx.<List<OutboxEntry>>executeBlocking(() -> claim(outbox, room), false)
                .onComplete(ar -> {
                    ticking.set(false);
                    if (ar.failed()) {
                        if (databaseWarned.compareAndSet(false, true)) {
                            LOG.warn(
                                    "alerts: the outbox cannot be read ({}); retrying every second",
                                    ar.cause().toString());
                        }
                        return;
                    }
                    databaseWarned.set(false);
                    inFlight.addAndGet(ar.result().size());
                    ar.result().forEach(e -> send(outbox, e));
                    if (again.getAndSet(false)) {
                        tick();
                    }
                });
    }

    /** Reads the pending count and the due rows, and claims as many as there is room for. Blocking. */
    private List<OutboxEntry> claim(AlertOutboxRepository outbox, int room) {
        metrics.pending(outbox.pending());
        if (room <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        List<OutboxEntry> claimed = new ArrayList<>();
        for (OutboxEntry e : outbox.due(now, room)) {
            if (outbox.claim(e, now.plus(LEASE))) {
                claimed.add(e);
            }
        }
        return claimed;
    }

    private void send(AlertOutboxRepository outbox, OutboxEntry entry) {
        AlertSender sender = channels.sender(entry.channel());
        Future<Void> sent;
        try {
            sent = sender == null
                    ? Future.failedFuture(new AlertDeliveryException(
                            "no channel named " + entry.channel() + " is configured; add it back to deliver"))
                    : sender.send(entry, AlertJson.alert(entry.payload()))
                            .timeout(LEASE.toMillis() / 2, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.transform(ar -> vertx.executeBlocking(() -> record(outbox, entry, ar.cause()), false))
                .onComplete(ar -> {
                    inFlight.decrementAndGet();
                    if (ar.failed()) {
                        // The row keeps its lease and is sent again once it runs out: at least once, never lost.
                        LOG.warn(
                                "alerts: the outcome of {} could not be recorded ({})",
                                entry.id(),
                                ar.cause().toString());
                    }
                });
    }

    /** Records one attempt's outcome ({@code failure} null: delivered). Blocking. */
    private Void record(AlertOutboxRepository outbox, OutboxEntry entry, Throwable failure) {
        if (failure == null) {
            outbox.delivered(entry.id());
            metrics.delivered(entry.channel());
            if (entry.attempts() >= WARN_AFTER) {
                LOG.info(
                        "alerts: {} to channel {} delivered after {} failed attempts",
                        entry.id(),
                        entry.channel(),
                        entry.attempts());
            }
            return null;
        }
        metrics.failedAttempt(entry.channel());
        String error = failure instanceof AlertDeliveryException ? failure.getMessage() : describe(failure);
        Duration delay = backoff.after(entry.attempts() + 1);
        int attempts = outbox.failed(entry.id(), error, clock.instant().plus(delay));
        if (attempts == WARN_AFTER) {
            LOG.warn(
                    "alerts: {} to channel {} has failed {} times (last: {}); it is retried every {} min until"
                            + " delivered",
                    entry.id(),
                    entry.channel(),
                    attempts,
                    error,
                    AlertBackoff.MAX.toMinutes());
        }
        return null;
    }

    private static String describe(Throwable e) {
        return HttpAlertSender.describe(e);
    }

    /** Stops looking for rows and waits, up to {@code within}, for the sends in flight to be recorded. */
    Future<Void> stop(Duration within) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Promise<Void> drained = Promise.promise();
        long deadline = System.nanoTime() + within.toNanos();
        vertx.setPeriodic(10, id -> {
            if (inFlight.get() <= 0 && !ticking.get() || System.nanoTime() > deadline) {
                vertx.cancelTimer(id);
                drained.tryComplete();
            }
        });
        return drained.future();
    }
}
