package dev.meridian.server.billing;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's tokens (input plus output) this calendar month, UTC: what the request log held when this replica
 * started, read once on a worker thread, plus every request this replica served since. Reads and increments never
 * wait (the event loop calls them); the month rolls over by itself at the first call after midnight UTC on the 1st.
 *
 * <p>Not exact across replicas, by design: a replica does not see what the others serve after it started, so with
 * several replicas a tenant may cross a tier boundary a little late on some of them (until they restart). Exact
 * counting belongs with the shared Redis counters of budgets and quotas. Until the log has been read (or when it
 * cannot be), a tenant counts what this replica served: the tier may then be lower than it should, never higher.
 */
public final class MonthToDateTokens {

    private static final Logger LOG = LoggerFactory.getLogger(MonthToDateTokens.class);
    private static final long RETRY_MILLIS = 5_000;

    /** One month's counts: the log's as of {@code startedAt} (empty until read), and what this replica served. */
    private record Month(YearMonth month, Map<String, Long> logged, ConcurrentHashMap<String, LongAdder> served) {}

    private final Clock clock;
    private final Instant startedAt;
    private volatile Month current;

    /** Starts counting now: requests logged before this instant come from the log, those after from {@link #add}. */
    public MonthToDateTokens(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
        this.current = new Month(month(startedAt), Map.of(), new ConcurrentHashMap<>());
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    /**
     * Reads this month's tokens per tenant from the request log once {@code database} is open, on a worker thread,
     * retrying every few seconds while it fails. Requests logged from {@link #MonthToDateTokens construction} on
     * are left out: this replica counts its own as it serves them.
     */
    public void start(Vertx vertx, Future<Database> database) {
        database.onSuccess(db -> load(vertx, db));
    }

    private void load(Vertx vertx, Database db) {
        YearMonth month = month(startedAt);
        Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        vertx.executeBlocking(() -> db.usage().tokensByTenant(monthStart, startedAt), false)
                .onSuccess(tokens -> seed(month, tokens))
                .onFailure(e -> {
                    LOG.warn(
                            "month-to-date tokens could not be read from the request log, retrying in {} ms: {}",
                            RETRY_MILLIS,
                            e.toString());
                    vertx.setTimer(RETRY_MILLIS, id -> load(vertx, db));
                });
    }

    /** Takes the log's counts for {@code month}; ignored once another month has begun. */
    void seed(YearMonth month, Map<String, Long> tokens) {
        Month m = current();
        if (m.month().equals(month)) {
            current = new Month(month, Map.copyOf(tokens), m.served());
        }
    }

    /** The tenant's tokens this month so far. Never waits. */
    public long tokens(String tenantId) {
        Month m = current();
        LongAdder served = m.served().get(tenantId);
        return m.logged().getOrDefault(tenantId, 0L) + (served == null ? 0 : served.sum());
    }

    /** Counts tokens a request of the tenant used. Never waits. */
    public void add(String tenantId, long tokens) {
        if (tokens > 0) {
            current().served().computeIfAbsent(tenantId, t -> new LongAdder()).add(tokens);
        }
    }

    private Month current() {
        Month m = current;
        YearMonth now = month(clock.instant());
        if (!now.equals(m.month())) {
            synchronized (this) {
                m = current;
                if (!now.equals(m.month())) {
                    m = new Month(now, Map.of(), new ConcurrentHashMap<>());
                    current = m;
                }
            }
        }
        return m;
    }
}
