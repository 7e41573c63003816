package dev.meridian.server.admin;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.CreateKey;
import dev.meridian.server.admin.AdminRequests.CreateTeam;
import dev.meridian.server.admin.AdminRequests.CreateTenant;
import dev.meridian.server.admin.AdminRequests.CreateToken;
import dev.meridian.server.admin.AdminRequests.CreateUser;
import dev.meridian.server.admin.AdminRequests.RequestFilter;
import dev.meridian.server.admin.AdminRequests.RotateKey;
import dev.meridian.server.admin.AdminRequests.UpdateTenant;
import dev.meridian.server.admin.AdminRequests.UpdateUser;
import dev.meridian.server.admin.AdminViews.AuditView;
import dev.meridian.server.admin.AdminViews.IssuedKey;
import dev.meridian.server.admin.AdminViews.KeyView;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.store.Database;
import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.KeyKind;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.PlanQuota;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.Role;
import dev.meridian.store.model.Team;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.model.User;
import dev.meridian.store.repo.ApiKeyRepository;
import dev.meridian.store.repo.ApiKeySecrets;
import dev.meridian.store.repo.DuplicateException;
import dev.meridian.store.repo.TenantRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.checkSuperAdmin;
import static dev.meridian.server.admin.Access.checkTenant;
import static dev.meridian.server.admin.Access.notFound;
import static java.util.Objects.requireNonNull;

/**
 * The admin operations on tenants, teams, users, keys, the request log and the audit log, shared by the HTTP API
 * and the command line. Every call names its {@link Actor}; the service checks the actor's tenant and permission
 * by the rule of {@link Access}, validates the input (400 naming the field), performs the change, appends an audit
 * entry with the target before and after, and returns the result.
 *
 * <p>Blocking (JDBC): call from worker threads, never an event loop. Thread-safe. Failures are
 * {@link GatewayException}s with the admin API's error codes; store failures pass through as they are.
 */
public final class AdminService {

    /** Page size when a listing does not say. */
    public static final int DEFAULT_PAGE = 100;
    static final long DEFAULT_GRACE_SECONDS = 3600;

    private final Database db;
    private final AuditTrail audit;
    private final Runnable keysChanged;
    private final Clock clock;

    /**
     * @param keysChanged run after every change that alters what a key may do (rotation, revocation, tenant status),
     *                    so this replica's key cache drops at once instead of at the next change poll
     */
    public AdminService(Database db, AuditTrail audit, Runnable keysChanged, Clock clock) {
        this.db = requireNonNull(db, "db");
        this.audit = requireNonNull(audit, "audit");
        this.keysChanged = requireNonNull(keysChanged, "keysChanged");
        this.clock = requireNonNull(clock, "clock");
    }

    // ---- authentication and bootstrap

    /**
     * The actor behind an admin token ({@code sk-mer-...} of kind {@link KeyKind#ADMIN_TOKEN}): the super-admin for
     * a platform token, else the token's user with their current role. Empty for anything else, including caller
     * keys, revoked or expired tokens and tokens of deleted users.
     */
    public Optional<Actor> authenticate(String presentedKey) {
        if (presentedKey == null || !presentedKey.startsWith(ApiKeySecrets.SECRET_PREFIX)) {
            return Optional.empty();
        }
        String hash = ApiKeySecrets.hash(presentedKey);
        Optional<ApiKey> found = db.apiKeys().findBySecretHash(hash)
                .filter(k -> k.kind() == KeyKind.ADMIN_TOKEN && k.acceptsAt(hash, clock.instant()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        if (key.tenantId() == null) {
            return Optional.of(Actor.superAdmin(key.id()));
        }
        if (key.userId() == null) {
            return Optional.of(new Actor(key.id(), key.tenantId(), null, Role.ADMIN, false, null));
        }
        return db.users().get(key.userId()).filter(u -> key.tenantId().equals(u.tenantId()))
                .map(u -> Actor.user(u.id(), u.tenantId(), u.role()));
    }

    /**
     * Creates the platform's first super-admin token when the database has none (revoked ones count, so this
     * happens once per database). The caller shows the secret once.
     *
     * @return the token with its secret, or empty when one existed already
     */
    public Optional<IssuedKey> bootstrap() {
        if (db.apiKeys().platformTokenExists()) {
            return Optional.empty();
        }
        ApiKeyRepository.Created created = db.apiKeys().create(NewApiKey.adminToken(null, "bootstrap super-admin"));
        KeyView view = KeyView.of(created.key());
        record("system", null, "admin_token.bootstrap", "api_key", view.id(), null, view, null);
        return Optional.of(new IssuedKey(view, created.secret()));
    }

    // ---- tenants

    public Tenant createTenant(Actor actor, CreateTenant req) {
        checkSuperAdmin(actor, "create tenants");
        String name = Validation.name("name", req.name());
        Plan plan = req.plan() == null ? Plan.BASIC : req.plan();
        TenantStatus status = req.status() != null ? req.status()
                : req.trialEndsAt() != null ? TenantStatus.TRIAL : TenantStatus.ACTIVE;
        Tenant tenant;
        try {
            tenant = db.tenants().create(name, plan, status, req.trialEndsAt());
        } catch (DuplicateException e) {
            throw GatewayException.invalid("name", "A tenant named `" + name + "` already exists.");
        }
        if (req.storeBodies() != null || req.residencyRule() != null) {
            tenant = db.tenants().update(tenant.withStoreBodies(Boolean.TRUE.equals(req.storeBodies()))
                    .withResidencyRule(blankToNull(Validation.optionalName("residency_rule", req.residencyRule()))));
        }
        record(actor, tenant.id(), "tenant.create", "tenant", tenant.id(), null, tenant);
        return tenant;
    }

    /** Every tenant for the super-admin; a user sees only their own. */
    public ListView<Tenant> listTenants(Actor actor, String cursor, Integer limit) {
        if (!actor.superAdmin()) {
            return ListView.of(db.tenants().get(actor.tenantId()).stream().toList());
        }
        return ListView.of(page("cursor", () -> db.tenants().list(cursor,
                limit(limit, TenantRepository.MAX_PAGE))));
    }

    public Tenant getTenant(Actor actor, String tenantId) {
        checkTenant(actor, tenantId);
        return tenant(tenantId);
    }

    /** Status, plan, quota and trial end are commercial terms: only the super-admin changes them. */
    public Tenant updateTenant(Actor actor, String tenantId, UpdateTenant req) {
        check(actor, tenantId, Permission.MANAGE_TENANT);
        if (!actor.superAdmin()) {
            String field = req.status() != null ? "status" : req.plan() != null ? "plan"
                    : req.quota() != null ? "quota" : req.trialEndsAt() != null ? "trial_ends_at" : null;
            if (field != null) {
                throw GatewayException.builder(dev.meridian.core.error.ErrorCode.PERMISSION_DENIED,
                        "Only the platform super-admin may change `" + field + "`.").param(field).build();
            }
        }
        Tenant before = tenant(tenantId);
        Tenant after = before;
        if (req.status() != null) {
            after = after.withStatus(req.status());
        }
        if (req.plan() != null && req.plan() != before.plan()) {
            after = after.withPlan(req.plan());
        }
        if (req.quota() != null) {
            after = after.withQuota(quota(after.quota(), req.quota()));
        }
        if (req.trialEndsAt() != null) {
            after = after.withTrialEndsAt(req.trialEndsAt());
        }
        if (req.storeBodies() != null) {
            after = after.withStoreBodies(req.storeBodies());
        }
        if (req.residencyRule() != null) {
            after = after.withResidencyRule(req.residencyRule().isBlank() ? null
                    : Validation.optionalName("residency_rule", req.residencyRule()));
        }
        Tenant stored = db.tenants().update(after);
        keysChanged.run();
        record(actor, tenantId, "tenant.update", "tenant", tenantId, before, stored);
        return stored;
    }

    private static PlanQuota quota(PlanQuota current, AdminRequests.Quota q) {
        Validation.nonNegative("quota.monthly_tokens", q.monthlyTokens());
        Validation.nonNegative("quota.monthly_cost_limit_usd", q.monthlyCostLimitUsd());
        Validation.nonNegative("quota.max_requests_per_minute", q.maxRequestsPerMinute());
        return new PlanQuota(
                q.monthlyTokens() != null ? q.monthlyTokens() : current.monthlyTokens(),
                q.monthlyCostLimitUsd() != null ? q.monthlyCostLimitUsd() : current.monthlyCostLimitUsd(),
                q.maxRequestsPerMinute() != null ? q.maxRequestsPerMinute() : current.maxRequestsPerMinute(),
                q.availableModels() != null ? Validation.models("quota.available_models", q.availableModels())
                        : current.availableModels());
    }

    // ---- teams

    public Team createTeam(Actor actor, String tenantId, CreateTeam req) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        tenant(tenantId);
        String name = Validation.name("name", req.name());
        Team team;
        try {
            team = db.teams().create(tenantId, name);
        } catch (DuplicateException e) {
            throw GatewayException.invalid("name", "This tenant already has a team named `" + name + "`.");
        }
        record(actor, tenantId, "team.create", "team", team.id(), null, team);
        return team;
    }

    public ListView<Team> listTeams(Actor actor, String tenantId) {
        checkTenant(actor, tenantId);
        tenant(tenantId);
        return ListView.of(db.teams().list(tenantId));
    }

    /** Deletes a team; its users stay without a team and its keys are revoked. */
    public Team deleteTeam(Actor actor, String tenantId, String teamId) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        Team team = db.teams().get(teamId).filter(t -> t.tenantId().equals(tenantId))
                .orElseThrow(() -> notFound("team", teamId));
        db.teams().delete(teamId);
        keysChanged.run();
        record(actor, tenantId, "team.delete", "team", teamId, team, null);
        return team;
    }

    // ---- users

    public User createUser(Actor actor, String tenantId, CreateUser req) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        tenant(tenantId);
        String email = Validation.email("email", req.email());
        String name = Validation.name("name", req.name());
        String teamId = teamOf(tenantId, req.teamId());
        User user;
        try {
            user = db.users().create(tenantId, teamId, email, name, req.role() == null ? Role.DEVELOPER : req.role());
        } catch (DuplicateException e) {
            throw GatewayException.invalid("email", "A user with email `" + email + "` already exists.");
        }
        record(actor, tenantId, "user.create", "user", user.id(), null, user);
        return user;
    }

    public ListView<User> listUsers(Actor actor, String tenantId) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        tenant(tenantId);
        return ListView.of(db.users().list(tenantId));
    }

    /** A user of the tenant; users may read themselves without {@code manage_users}. */
    public User getUser(Actor actor, String tenantId, String userId) {
        checkTenant(actor, tenantId);
        User user = user(tenantId, userId);
        if (!userId.equals(actor.userId())) {
            check(actor, tenantId, Permission.MANAGE_USERS);
        }
        return user;
    }

    public User updateUser(Actor actor, String tenantId, String userId, UpdateUser req) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        User before = user(tenantId, userId);
        User after = before;
        if (req.name() != null) {
            after = after.withName(Validation.name("name", req.name()));
        }
        if (req.role() != null) {
            after = after.withRole(req.role());
        }
        if (req.teamId() != null) {
            after = after.withTeamId(req.teamId().isEmpty() ? null : teamOf(tenantId, req.teamId()));
        }
        User stored = db.users().update(after);
        record(actor, tenantId, "user.update", "user", userId, before, stored);
        return stored;
    }

    /** Deletes a user and revokes every key and token they own. */
    public User deleteUser(Actor actor, String tenantId, String userId) {
        check(actor, tenantId, Permission.MANAGE_USERS);
        User user = user(tenantId, userId);
        db.users().delete(userId);
        keysChanged.run();
        record(actor, tenantId, "user.delete", "user", userId, user, null);
        return user;
    }

    /** An admin-API token for a user, acting with the user's role; users may make their own. */
    public IssuedKey createUserToken(Actor actor, String tenantId, String userId, CreateToken req) {
        checkTenant(actor, tenantId);
        user(tenantId, userId);
        if (!userId.equals(actor.userId())) {
            check(actor, tenantId, Permission.MANAGE_USERS);
        }
        String name = req.name() == null ? "admin token" : Validation.name("name", req.name());
        checkFuture("expires_at", req.expiresAt());
        ApiKeyRepository.Created created = db.apiKeys().create(NewApiKey.adminToken(tenantId, name)
                .withUser(userId).withExpiresAt(req.expiresAt()));
        KeyView view = KeyView.of(created.key());
        record(actor, tenantId, "admin_token.create", "api_key", view.id(), null, view);
        return new IssuedKey(view, created.secret());
    }

    // ---- keys

    /** A caller key; a developer's key is always their own. */
    public IssuedKey createKey(Actor actor, String tenantId, CreateKey req) {
        check(actor, tenantId, Permission.MANAGE_KEYS);
        tenant(tenantId);
        String userId = req.userId();
        if (!actor.managesAllKeys()) {
            if (userId != null && !userId.equals(actor.userId())) {
                throw GatewayException.builder(dev.meridian.core.error.ErrorCode.PERMISSION_DENIED,
                        "Developers create keys for themselves only.").param("user_id").build();
            }
            userId = actor.userId();
        } else if (userId != null) {
            user(tenantId, userId, "user_id");
        }
        String name = Validation.name("name", req.name());
        checkFuture("expires_at", req.expiresAt());
        NewApiKey spec = NewApiKey.caller(tenantId, name).withTeam(teamOf(tenantId, req.teamId())).withUser(userId)
                .withExpiresAt(req.expiresAt())
                .withAllowedModels(Validation.models("allowed_models", req.allowedModels()))
                .withMetadata(Validation.metadata("metadata", req.metadata()));
        ApiKeyRepository.Created created = db.apiKeys().create(spec);
        KeyView view = KeyView.of(created.key());
        record(actor, tenantId, "key.create", "api_key", view.id(), null, view);
        return new IssuedKey(view, created.secret());
    }

    /** The tenant's keys and admin tokens, newest first; developers see their own. */
    public ListView<KeyView> listKeys(Actor actor, String tenantId) {
        check(actor, tenantId, Permission.MANAGE_KEYS);
        tenant(tenantId);
        String owner = actor.managesAllKeys() ? null : actor.userId();
        return ListView.of(db.apiKeys().list(tenantId, null, owner).stream().map(KeyView::of).toList());
    }

    public KeyView getKey(Actor actor, String tenantId, String keyId) {
        return KeyView.of(ownKey(actor, tenantId, keyId));
    }

    /** A new secret; the old one keeps working for {@code grace_seconds} (default 3600, at most 30 days). */
    public IssuedKey rotateKey(Actor actor, String tenantId, String keyId, RotateKey req) {
        ApiKey before = ownKey(actor, tenantId, keyId);
        long grace = req.graceSeconds() == null ? DEFAULT_GRACE_SECONDS : req.graceSeconds();
        if (grace < 0 || grace > Validation.MAX_GRACE_SECONDS) {
            throw GatewayException.invalid("grace_seconds", "`grace_seconds` must be 0 to "
                    + Validation.MAX_GRACE_SECONDS + ".");
        }
        ApiKeyRepository.Created rotated = db.apiKeys().rotate(keyId, Duration.ofSeconds(grace))
                .orElseThrow(() -> GatewayException.invalid(null, "Key `" + keyId + "` is revoked; it cannot be"
                        + " rotated."));
        keysChanged.run();
        KeyView view = KeyView.of(rotated.key());
        record(actor, tenantId, "key.rotate", "api_key", keyId, KeyView.of(before), view);
        return new IssuedKey(view, rotated.secret());
    }

    /** Revokes a key for good; revoking a revoked key changes nothing and records nothing. */
    public KeyView revokeKey(Actor actor, String tenantId, String keyId) {
        ApiKey before = ownKey(actor, tenantId, keyId);
        if (!db.apiKeys().revoke(keyId)) {
            return KeyView.of(before);
        }
        keysChanged.run();
        KeyView after = KeyView.of(db.apiKeys().get(keyId).orElseThrow());
        record(actor, tenantId, "key.revoke", "api_key", keyId, KeyView.of(before), after);
        return after;
    }

    private ApiKey ownKey(Actor actor, String tenantId, String keyId) {
        check(actor, tenantId, Permission.MANAGE_KEYS);
        ApiKey key = db.apiKeys().get(keyId).filter(k -> tenantId.equals(k.tenantId()))
                .orElseThrow(() -> notFound("key", keyId));
        if (!actor.managesAllKeys() && !actor.userId().equals(key.userId())) {
            throw Access.denied("Developers manage their own keys only.");
        }
        return key;
    }

    // ---- request log and audit log

    public ListView<RequestRecord> queryRequests(Actor actor, String tenantId, RequestFilter f) {
        check(actor, tenantId, Permission.VIEW_LOGS);
        tenant(tenantId);
        if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
            throw GatewayException.invalid("from", "`from` must be before `to`.");
        }
        RequestLogQuery query = new RequestLogQuery(tenantId, f.from(), f.to(), f.keyId(), f.model(), f.status(),
                f.cursor(), limit(f.limit(), RequestLogQuery.MAX_LIMIT));
        return ListView.of(page("cursor", () -> db.requestLog().query(query)));
    }

    public RequestRecord getRequest(Actor actor, String tenantId, String requestId) {
        check(actor, tenantId, Permission.VIEW_LOGS);
        return db.requestLog().get(tenantId, requestId).orElseThrow(() -> notFound("request", requestId));
    }

    /** One tenant's audit entries, newest first. */
    public ListView<AuditView> listAudit(Actor actor, String tenantId, String cursor, Integer limit) {
        check(actor, tenantId, Permission.VIEW_AUDIT);
        tenant(tenantId);
        return auditPage(tenantId, cursor, limit);
    }

    /** Every audit entry of the platform, newest first: the super-admin's view. */
    public ListView<AuditView> listAllAudit(Actor actor, String cursor, Integer limit) {
        checkSuperAdmin(actor, "read the platform audit log");
        return auditPage(null, cursor, limit);
    }

    private ListView<AuditView> auditPage(String tenantId, String cursor, Integer limit) {
        var page = page("cursor", () -> db.audit().list(tenantId, null, null, cursor,
                limit(limit, dev.meridian.store.repo.AuditRepository.MAX_PAGE)));
        return new ListView<>(page.items().stream().map(e -> new AuditView(AuditTrail.line(e))).toList(),
                page.nextCursor());
    }

    // ---- helpers

    private Tenant tenant(String tenantId) {
        return db.tenants().get(tenantId).orElseThrow(() -> notFound("tenant", tenantId));
    }

    private User user(String tenantId, String userId) {
        return db.users().get(userId).filter(u -> tenantId.equals(u.tenantId()))
                .orElseThrow(() -> notFound("user", userId));
    }

    /** A user named in a request body: unknown is a 400 on that field, not a 404 of the URL. */
    private void user(String tenantId, String userId, String param) {
        if (db.users().get(userId).filter(u -> tenantId.equals(u.tenantId())).isEmpty()) {
            throw GatewayException.invalid(param, "No user `" + userId + "` in this tenant.");
        }
    }

    private String teamOf(String tenantId, String teamId) {
        if (teamId != null && db.teams().get(teamId).filter(t -> t.tenantId().equals(tenantId)).isEmpty()) {
            throw GatewayException.invalid("team_id", "No team `" + teamId + "` in this tenant.");
        }
        return teamId;
    }

    private void checkFuture(String param, Instant when) {
        if (when != null && !when.isAfter(clock.instant())) {
            throw GatewayException.invalid(param, "`" + param + "` must be in the future.");
        }
    }

    private static int limit(Integer limit, int max) {
        if (limit == null) {
            return Math.min(DEFAULT_PAGE, max);
        }
        if (limit < 1 || limit > max) {
            throw GatewayException.invalid("limit", "`limit` must be 1 to " + max + ".");
        }
        return limit;
    }

    /** Runs a paged read; a cursor the store did not issue is a 400 on {@code param}. */
    private static <T> dev.meridian.store.model.Page<T> page(String param,
                                                             java.util.function.Supplier<dev.meridian.store.model.Page<T>> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(param, "Invalid `" + param + "`: use the `next_cursor` of a previous page.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private void record(Actor actor, String tenantId, String action, String targetType, String targetId,
                        Object before, Object after) {
        record(actor.id(), tenantId, action, targetType, targetId, before, after, actor.sourceIp());
    }

    private void record(String actor, String tenantId, String action, String targetType, String targetId,
                        Object before, Object after, String sourceIp) {
        audit.append(AuditEntry.of(actor, tenantId, action, targetType, targetId,
                before == null ? null : AdminJson.text(before), after == null ? null : AdminJson.text(after),
                sourceIp));
    }
}
