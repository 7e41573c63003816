package dev.meridian.server.runtime;

import static java.util.Objects.requireNonNull;

import dev.meridian.server.admin.AdminCatalog;
import dev.meridian.server.admin.AdminService;
import dev.meridian.server.admin.AuditTrail;
import dev.meridian.server.alerts.Alert;
import dev.meridian.server.alerts.Alerts;
import dev.meridian.server.attempt.AttemptHook;
import dev.meridian.server.audit.AuditSinks;
import dev.meridian.server.audit.ResidencyAudit;
import dev.meridian.server.auth.Authenticator;
import dev.meridian.server.auth.DatabaseAuthenticator;
import dev.meridian.server.auth.StoreChangeBroadcast;
import dev.meridian.server.billing.MonthToDateTokens;
import dev.meridian.server.billing.VolumeBilling;
import dev.meridian.server.budget.Budgets;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.server.limits.LogSeeder;
import dev.meridian.server.limits.redis.LimitStores;
import dev.meridian.server.metrics.AccessLog;
import dev.meridian.server.metrics.GatewayMetrics;
import dev.meridian.server.pii.TenantPiiPolicies;
import dev.meridian.server.redis.RedisClients;
import dev.meridian.server.responses.ResponseStore;
import dev.meridian.server.retention.RetentionJob;
import dev.meridian.server.routing.Admission;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.routing.RoutingMetrics;
import dev.meridian.server.secrets.CredentialOverrides;
import dev.meridian.server.secrets.Reencryption;
import dev.meridian.server.storage.GatewayStorage;
import dev.meridian.server.tracing.Tracing;
import dev.meridian.store.model.Budget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every event loop of one gateway shares: configuration, routes (with the deployments' live state),
 * admission, the authenticator, metrics, the access log and readiness. Everything here is immutable or thread-safe.
 */
public final class GatewayRuntime {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GatewayRuntime.class);

    private volatile MeridianConfig config;
    private final dev.meridian.server.config.ConfigControl configControl = new dev.meridian.server.config.ConfigControl(
            new dev.meridian.server.config.ReloadStatus("embedded", null, Instant.now()));
    private final RouteTable routes;
    private final Authenticator authenticator;
    private final GatewayMetrics metrics;
    private final ResponseCache responseCache;
    private final RoutingMetrics routingMetrics;
    private final Admission admission;
    private final AccessLog accessLog;
    private final List<AttemptHook> attemptHooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile java.util.function.Supplier<String> limitsStatus = () -> "local";
    /** Tells the other replicas of this one's store changes; null without Redis. */
    private volatile StoreChangeBroadcast storeBroadcast;

    private final long startedEpochSeconds = System.currentTimeMillis() / 1000;

    private final String adminKey;

    private final GatewayStorage storage;
    private final Budgets budgets;
    private final Future<AdminService> admin;
    private final Alerts alerts;
    private final AuditSinks auditSinks;
    private final Future<AuditTrail> auditTrail;
    private final ResidencyAudit residencyAudit;
    private final VolumeBilling billing;
    private final ResponseStore responses;
    private final TenantPiiPolicies piiPolicies;
    private final RetentionJob retention;
    private final CredentialOverrides credentials;
    private final Reencryption reencryption;
    private final Tracing tracing;

    /**
     * @param adminKey the key of the admin API, or null when it is off
     * @param storage  the database and request log
     */
    public GatewayRuntime(
            MeridianConfig config,
            Authenticator authenticator,
            GatewayMetrics metrics,
            String adminKey,
            GatewayStorage storage) {
        this.adminKey = adminKey;
        this.storage = requireNonNull(storage, "storage");
        this.config = requireNonNull(config, "config");
        this.routes = new RouteTable(config);
        this.authenticator = requireNonNull(authenticator, "authenticator");
        this.metrics = requireNonNull(metrics, "metrics");
        this.admission = new Admission(config.routing().overload());
        this.routingMetrics = new RoutingMetrics(metrics.registry());
        routingMetrics.bind(routes, admission);
        this.accessLog = new AccessLog(config.server().accessLog(), metrics.registry());
        this.alerts = new Alerts(config.alerts(), storage.database(), metrics.registry(), Clock.systemUTC());
        this.budgets = new Budgets(routes, Clock.systemUTC(), this::budgetCrossed, metrics.registry());
        attemptHooks.add(budgets.hook());
        this.billing = new VolumeBilling(config.pricing().discount(), new MonthToDateTokens(Clock.systemUTC()));
        this.responseCache =
                new ResponseCache(config.cache(), config.models(), metrics.registry(), System::currentTimeMillis);
        this.responses = new ResponseStore(
                storage.database(), config.storage().responses(), metrics.registry(), Clock.systemUTC());
        this.piiPolicies = new TenantPiiPolicies(config.pii());
        this.retention = new RetentionJob(config.storage().requestLog(), metrics.registry(), Clock.systemUTC());
        this.credentials = new CredentialOverrides(routes, storage.database());
        this.reencryption = new Reencryption(storage.database(), metrics.registry());
        this.tracing = Tracing.of(config.telemetry().traces());
        this.auditSinks = AuditSinks.of(config.audit(), storage.home(), metrics.registry());
        this.auditTrail = storage.database().map(db -> new AuditTrail(db.audit(), auditSinks.list()));
        this.residencyAudit = new ResidencyAudit(
                config.audit().residency().homeCountry(),
                500,
                config.audit().residency().maxQueue(),
                metrics.registry());
        this.admin = auditTrail.compose(trail -> storage.database()
                .map(db -> new AdminService(
                        db,
                        trail,
                        this::keysChanged,
                        Clock.systemUTC(),
                        AdminCatalog.of(routes),
                        budgets,
                        piiPolicies)));
    }

    /** Budgets: loaded by {@link Budgets#start}, enforced through the attempt hooks and the resolve stage. */
    public Budgets budgets() {
        return budgets;
    }

    /**
     * Volume discounts: each request's rate and each tenant's tokens this month, read from the request log by
     * {@code billing().tokens().start}.
     */
    public VolumeBilling billing() {
        return billing;
    }

    /** The response cache; its shared tier connects in {@link ResponseCache#start}. */
    public ResponseCache responseCache() {
        return responseCache;
    }

    /** Responses stored by the Responses API; its sweep starts in {@link #startServices}. */
    public ResponseStore responses() {
        return responses;
    }

    /** Each tenant's PII policy: the configuration's, or its own settings from the admin API. */
    public TenantPiiPolicies piiPolicies() {
        return piiPolicies;
    }

    /** Provider credentials stored through the admin API, applied to the providers on this replica. */
    public CredentialOverrides credentials() {
        return credentials;
    }

    /** The background re-encryption of sealed values to the current master key. */
    public Reencryption reencryption() {
        return reencryption;
    }

    /** Traces: {@link Tracing#NOOP} unless {@code telemetry.traces.enabled}; closed by the server at shutdown. */
    public Tracing tracing() {
        return tracing;
    }

    /** Residency evidence: cross-border requests, recorded as they finish and written to the audit chain. */
    public ResidencyAudit residencyAudit() {
        return residencyAudit;
    }

    /** The admin service; completes once the database is open. */
    public Future<AdminService> admin() {
        return admin;
    }

    /** Alert delivery; started and stopped by the server with its Vert.x instance. */
    /** A budget's spend crossed one of its alert fractions: queue the alert, once per budget, period and fraction. */
    private void budgetCrossed(Budget b, Instant periodStart, double fraction, long spentNanos, long limitNanos) {
        alerts.enqueue(
                        Alert.budgetThreshold(
                                b.tenantId(),
                                b.id(),
                                b.scope().name().toLowerCase(java.util.Locale.ROOT),
                                b.scopeId(),
                                periodStart,
                                fraction,
                                BigDecimal.valueOf(spentNanos, 9).stripTrailingZeros(),
                                BigDecimal.valueOf(limitNanos, 9).stripTrailingZeros()),
                        Alert.budgetDedupeKey(b.id(), periodStart, fraction))
                .onFailure(e -> LOG.error("the alert of budget {} at {} could not be queued", b.id(), fraction, e));
    }

    public Alerts alerts() {
        return alerts;
    }

    /** Drops this replica's cached keys now; other replicas follow on {@link #storeChangedHere()} or their poll. */
    private void keysChanged() {
        if (authenticator instanceof DatabaseAuthenticator cached) {
            cached.invalidate();
        }
    }

    /** The configuration in force: the start's, or the last one a reload applied ({@link LiveConfig}). */
    public MeridianConfig config() {
        return config;
    }

    /** Puts a reloaded configuration in force; its routes were swapped just before. */
    void config(MeridianConfig next) {
        this.config = requireNonNull(next, "config");
    }

    /** The configuration's version and the last reload's outcome, for {@code GET /admin/v1/config}. */
    public dev.meridian.server.config.ReloadStatus reloadStatus() {
        return configControl.status();
    }

    /** The reload status and the model groups set through the admin API, for the admin API. */
    public dev.meridian.server.config.ConfigControl configControl() {
        return configControl;
    }

    public RouteTable routes() {
        return routes;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public RoutingMetrics routingMetrics() {
        return routingMetrics;
    }

    /** Overload protection shared by every event loop. */
    public Admission admission() {
        return admission;
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    /**
     * The per-attempt hooks every event loop's attempt loop calls, in order (budgets and rate limits register
     * here). A live, thread-safe list: a hook added while serving applies to the attempts that start after.
     */
    public List<AttemptHook> attemptHooks() {
        return attemptHooks;
    }

    public GatewayStorage storage() {
        return storage;
    }

    public String adminKey() {
        return adminKey;
    }

    public boolean ready() {
        return ready.get();
    }

    /** Where the limit counters live now, for readiness details: {@code local}, {@code redis}, or a fallback. */
    /**
     * Starts what runs beside the request path, before the listener opens: the limits store (Redis when
     * configured), budgets reloading when the key store changes, the plans' start-up check, the month-to-date
     * token counts, the response cache's shared tier, alert deliveries (which wait for the database), the sweep
     * of expired stored responses and the request log's retention job.
     */
    public void startServices(Vertx vertx, DatabaseAuthenticator keys) {
        Redis redis = config.redis().enabled() ? RedisClients.connect(vertx, config.redis()) : null;
        LimitStores.Built limits =
                LimitStores.create(vertx, config.redis(), redis, new LogSeeder(storage.database()), metrics.registry());
        limitsStatus(limits.status());
        budgets.start(vertx, storage.database(), limits.store());
        keys.onStoreChanged(budgets::storeChanged);
        piiPolicies.start(vertx, storage.database(), keys);
        credentials.start(vertx);
        keys.onStoreChanged(credentials::reload);
        reencryption.start(vertx);
        admin.onSuccess(a -> vertx.executeBlocking(() -> {
                    a.plans().warnOfPlansServingNothing();
                    return null;
                })
                .onFailure(e -> LOG.warn("the plans could not be checked against the configured models", e)));
        billing.tokens().start(vertx, storage.database());
        responseCache.start(vertx, redis, storage.keys());
        if (redis != null) {
            storeBroadcast = StoreChangeBroadcast.start(
                    vertx, redis, config.redis().keyPrefix(), keys::pollChanges, metrics.registry());
        }
        alerts.start(vertx);
        auditSinks.start(vertx);
        auditTrail.onSuccess(trail -> residencyAudit.start(vertx, 200, trail::appendAll));
        responses.start(vertx);
        retention.start(vertx, storage.database());
    }

    /**
     * This replica may have committed a change to the store (an admin call that changes something ended): every
     * replica sharing the Redis reads the store's change version now. Without Redis, nothing: the others see it at
     * their next once-a-second poll.
     */
    public void storeChangedHere() {
        StoreChangeBroadcast broadcast = storeBroadcast;
        if (broadcast != null) {
            broadcast.publish();
        }
    }

    public String limitsStatus() {
        return limitsStatus.get();
    }

    public void limitsStatus(java.util.function.Supplier<String> status) {
        limitsStatus = status;
    }

    public void ready(boolean value) {
        ready.set(value);
    }

    public long startedEpochSeconds() {
        return startedEpochSeconds;
    }
}
