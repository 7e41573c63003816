package dev.meridian.server.auth;

import dev.meridian.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's change version as this replica last read it: read every second, and at once when asked ({@link
 * #poll()}: another replica said it changed something); when it moved, every listener runs, in the order added. The
 * database stays the one source of truth: whoever asks for a poll only makes it come sooner. Thread-safe.
 */
final class StoreChangePoll implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreChangePoll.class);
    private static final long INTERVAL_MILLIS = 1000;

    private final Vertx vertx;
    private final Future<Database> database;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final long timer;
    private volatile long version = Long.MIN_VALUE;

    StoreChangePoll(Vertx vertx, Future<Database> database) {
        this.vertx = vertx;
        this.database = database;
        this.timer = vertx.setPeriodic(INTERVAL_MILLIS, id -> poll());
    }

    void onChanged(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Reads the change version now, runs the listeners (on a Vert.x thread) when it moved, and says whether it did.
     * Fails when the database is not open or does not answer: what is cached stays in force until a later poll.
     */
    Future<Boolean> poll() {
        if (!database.succeeded()) {
            return Future.failedFuture(new IllegalStateException("the database is not open"));
        }
        Database db = database.result();
        return vertx.executeBlocking(() -> db.apiKeys().changeVersion(), false).map(v -> {
            if (v == version) {
                return false;
            }
            // Also on the first poll: keys may have been cached before the version was first read.
            LOG.debug("the store changed (version {})", v);
            version = v;
            listeners.forEach(Runnable::run);
            return true;
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
