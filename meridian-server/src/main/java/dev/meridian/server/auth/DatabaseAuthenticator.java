package dev.meridian.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.pricing.VolumeDiscount;
import dev.meridian.server.async.OpenWait;
import dev.meridian.store.Database;
import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.KeyKind;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.repo.ApiKeySecrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caller keys from the database (virtual keys of tenants), in front of which the configuration file's keys
 * are checked first. The hot path never waits for the database: a key seen before is answered from a
 * Caffeine cache (by the SHA-256 of the key, as stored), and only a key never seen is looked up, on a worker
 * thread. Every replica reads the database's change version every second, and at once when another replica says
 * it changed something ({@link StoreChangeBroadcast}), and drops its cache when it moved, so a revoked key or a
 * suspended tenant stops working everywhere at once with Redis, within about a second without. Unknown keys are
 * remembered briefly (30 s) so guessing cannot hammer the database. While the database is unreachable, known
 * keys keep working; a key never seen gets 503 {@code key_store_unavailable}.
 */
public final class DatabaseAuthenticator implements Authenticator, AutoCloseable {

    private static final Future<Principal> UNKNOWN = Future.succeededFuture();
    private static final long UNKNOWN_TTL_NANOS = Duration.ofSeconds(30).toNanos();
    /**
     * Known keys stay until a change in the store drops them (expiry and grace are checked on every use), so they
     * keep working through a database outage.
     */
    private static final long KNOWN_TTL_NANOS = Long.MAX_VALUE;

    private static final long OPEN_WAIT_MILLIS = 5_000;

    private record Resolved(ApiKey key, Tenant tenant, Principal principal) {}

    private final Authenticator configured;
    private final Vertx vertx;
    private final Future<Database> database;
    private final Clock clock;
    /** Built once the database is open (no key can be checked before): start-up does not pay for Caffeine. */
    private volatile Cache<String, Optional<Resolved>> cache;

    private final StoreChangePoll changes;
    /** Bumped by every invalidation, so a load that raced with one is not cached. */
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param configured the configuration file's keys, checked first
     * @param database   completes when the database is open (it may open after the gateway listens)
     */
    public DatabaseAuthenticator(Authenticator configured, Vertx vertx, Future<Database> database, Clock clock) {
        this.configured = configured;
        this.vertx = vertx;
        this.database = database;
        this.clock = clock;
        database.onSuccess(db -> cache = newCache());
        this.changes = new StoreChangePoll(vertx, database);
        changes.onChanged(this::invalidate);
    }

    private static Cache<String, Optional<Resolved>> newCache() {
        return Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfter(new Expiry<String, Optional<Resolved>>() {
                    @Override
                    public long expireAfterCreate(String key, Optional<Resolved> value, long currentTime) {
                        return value.isPresent() ? KNOWN_TTL_NANOS : UNKNOWN_TTL_NANOS;
                    }

                    @Override
                    public long expireAfterUpdate(
                            String key, Optional<Resolved> value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(
                            String key, Optional<Resolved> value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Future<Principal> authenticate(String presentedKey) {
        Future<Principal> fromFile = configured.authenticate(presentedKey);
        if (!fromFile.succeeded()
                || fromFile.result() != null
                || presentedKey == null
                || !presentedKey.startsWith(ApiKeySecrets.SECRET_PREFIX)) {
            return fromFile;
        }
        String hash = ApiKeySecrets.hash(presentedKey);
        Cache<String, Optional<Resolved>> keys = cache;
        Optional<Resolved> cached = keys == null ? null : keys.getIfPresent(hash);
        if (cached != null) {
            return evaluate(cached, hash);
        }
        long loadedIn = generation.get();
        return open().compose(db -> vertx.executeBlocking(() -> load(db, hash), false))
                .recover(err -> Future.failedFuture(GatewayException.builder(
                                ErrorCode.KEY_STORE_UNAVAILABLE,
                                "The key could not be checked: the key store is unreachable. Retry shortly.")
                        .retryAfter("1")
                        .cause(err)
                        .build()))
                .compose(resolved -> {
                    Cache<String, Optional<Resolved>> into = cache;
                    if (generation.get() == loadedIn && into != null) {
                        into.put(hash, resolved);
                        if (generation.get() != loadedIn) {
                            // The store changed while it loaded: it may predate the change.
                            into.invalidate(hash);
                        }
                    }
                    return evaluate(resolved, hash);
                });
    }

    /**
     * The database, waiting for it at most {@link #OPEN_WAIT_MILLIS} (it opens just after the gateway starts
     * listening): a caller whose key cannot be checked gets 503 rather than a hanging request.
     */
    private Future<Database> open() {
        return OpenWait.within(
                vertx, database, OPEN_WAIT_MILLIS, () -> new IllegalStateException("the database is not open yet"));
    }

    private Optional<Resolved> load(Database db, String hash) {
        Optional<ApiKey> key = db.apiKeys().findBySecretHash(hash);
        if (key.isEmpty() || key.get().kind() != KeyKind.CALLER || key.get().tenantId() == null) {
            return Optional.empty();
        }
        Optional<Tenant> tenant = db.tenants().get(key.get().tenantId());
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        ApiKey k = key.get();
        Tenant t = tenant.get();
        // The plans table's foreign key guarantees the row; a plan read here and a plan change race only until the
        // change bumps the store's version, which drops this entry.
        Plan plan = db.plans()
                .get(t.plan())
                .orElseThrow(() -> new IllegalStateException("tenant " + t.id() + " names no stored plan"));
        Principal principal = new Principal(
                k.name(),
                t.id(),
                k.id(),
                k.userId(),
                k.teamId(),
                new HashSet<>(k.allowedModels()),
                t.storeBodies(),
                t.residencyRule(),
                PlanLimits.resolve(plan, t, k),
                volumeDiscount(t),
                t.homeCountry());

        return Optional.of(new Resolved(k, t, principal));
    }

    /** The tenant's own tiers (validated by the admin API when set), or null for the configured default. */
    private static VolumeDiscount volumeDiscount(Tenant t) {
        if (t.volumeDiscounts() == null) {
            return null;
        }
        return VolumeDiscount.of(t.volumeDiscounts().stream()
                .map(v -> VolumeDiscount.Tier.percent(v.fromTokens(), v.percent()))
                .toList());
    }

    /** Keys and tenants change with time (expiry, grace, trial end): checked on every use, not just on load. */
    private Future<Principal> evaluate(Optional<Resolved> resolved, String hash) {
        if (resolved.isEmpty()) {
            return UNKNOWN;
        }
        Resolved r = resolved.get();
        Instant now = clock.instant();
        if (!r.key().acceptsAt(hash, now)) {
            return UNKNOWN;
        }
        Tenant t = r.tenant();
        boolean trialOver = t.trialOverAt(now);
        if (!t.activeAt(now)) {
            String why = t.status() == TenantStatus.SUSPENDED
                    ? "is suspended"
                    : "has no active subscription (" + (trialOver ? "trial ended" : "expired") + ")";
            return Future.failedFuture(GatewayException.of(
                    ErrorCode.TENANT_INACTIVE, "The organisation of this key " + why + "; contact its administrator."));
        }
        return Future.succeededFuture(r.principal());
    }

    /**
     * Reads the store's change version now rather than at the next poll (another replica said it changed something);
     * when it moved, drops the cached keys and runs the {@link #onStoreChanged} listeners. Completes with whether it
     * moved; fails when the database is not open or does not answer.
     */
    public Future<Boolean> pollChanges() {
        return changes.poll();
    }

    /**
     * Runs {@code listener} on an event loop whenever this replica sees the store's change version move (keys,
     * tenants, plans or budgets changed anywhere), so that other caches of the store need no poll of their own.
     */
    public void onStoreChanged(Runnable listener) {
        changes.onChanged(listener);
    }

    /** Drops every cached key now (this replica changed something). */
    public void invalidate() {
        generation.incrementAndGet();
        Cache<String, Optional<Resolved>> keys = cache;
        if (keys != null) {
            keys.invalidateAll();
        }
    }

    @Override
    public void close() {
        changes.close();
    }

    long cachedEntries() {
        Cache<String, Optional<Resolved>> keys = cache;
        if (keys == null) {
            return 0;
        }
        keys.cleanUp();
        return keys.estimatedSize();
    }
}
