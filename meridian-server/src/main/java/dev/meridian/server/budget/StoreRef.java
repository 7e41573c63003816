package dev.meridian.server.budget;

import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.limits.Meter;
import dev.meridian.server.limits.Verdict;
import io.vertx.core.Future;
import java.util.List;

/**
 * The limit store, given when the gateway starts (it needs Vert.x and the database, which the runtime does not
 * have when it is built). Calls come only after the budgets are loaded, which is after it is set.
 */
final class StoreRef implements LimitStore {

    private volatile LimitStore store;

    void set(LimitStore value) {
        store = value;
    }

    LimitStore get() {
        return store;
    }

    @Override
    public Future<Verdict> reserve(String callId, List<Meter.Claim> claims, long holdMillis) {
        return store.reserve(callId, claims, holdMillis);
    }

    @Override
    public Future<long[]> settle(String callId, List<Meter.Claim> claims, long[] used) {
        return store.settle(callId, claims, used);
    }

    @Override
    public Future<Reading> read(Meter meter) {
        return store.read(meter);
    }

    @Override
    public boolean likelyFits(Meter meter, long amount) {
        LimitStore s = store;
        return s == null || s.likelyFits(meter, amount);
    }
}
