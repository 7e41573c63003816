package dev.meridian.server.admin;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminViews.IssuedKey;
import dev.meridian.server.budget.BudgetLedger;
import dev.meridian.server.pii.TenantPiiPolicies;
import dev.meridian.store.Database;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.repo.ErasureRepository;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The admin operations on tenants, teams, users, keys, the request log and the audit log, shared by the HTTP API
 * and the command line, one part per concern. Every call names its {@link Actor}; the parts check the actor's
 * tenant and permission by the rule of {@link Access}, validate the input (400 naming the field), perform the
 * change, append an audit entry with the target before and after, and return the result.
 *
 * <p>Blocking (JDBC): call from worker threads, never an event loop. Thread-safe. Failures are
 * {@link GatewayException}s with the admin API's error codes; store failures pass through as they are.
 */
public final class AdminService {

    /** Request-log rows per transaction of an erasure. */
    private static final int ERASURE_BATCH = 500;

    private final AdminCredentials credentials;
    private final PlanAdmin plans;
    private final TenantAdmin tenants;
    private final TeamAdmin teams;
    private final UserAdmin users;
    private final KeyAdmin keys;
    private final LogQueries logs;
    private final SubjectAdmin subjects;
    private final UsageReports usage;
    private final ComplianceReports compliance;
    private final SuggestionReports suggestions;
    private final BudgetAdmin budgets;
    private final Lookups lookups;
    private final Clock clock;
    private final AuditTrail audit;
    private final PiiAdmin pii;
    private final Database db;

    /**
     * @param keysChanged run after every change that alters what a key may do (rotation, revocation, tenant status),
     *                    so this replica's key cache drops at once instead of at the next change poll
     * @param catalog     the model names and residency rules that input may name
     * @param budgetLedger what budgets have spent, and where their changes are enforced
     * @param piiPolicies  the tenants' PII policies in force, which validate and apply a tenant's new settings
     */
    public AdminService(
            Database db,
            AuditTrail audit,
            Runnable keysChanged,
            Clock clock,
            AdminCatalog catalog,
            BudgetLedger budgetLedger,
            TenantPiiPolicies piiPolicies) {
        this.db = requireNonNull(db, "db");
        requireNonNull(catalog, "catalog");
        requireNonNull(audit, "audit");
        requireNonNull(keysChanged, "keysChanged");
        requireNonNull(clock, "clock");
        Lookups lookups = new Lookups(db.tenants(), db.teams(), db.users());
        this.lookups = lookups;
        this.clock = clock;
        this.audit = audit;
        this.credentials = new AdminCredentials(db.apiKeys(), db.users(), audit, clock);
        this.plans = new PlanAdmin(db.plans(), audit, keysChanged, catalog);
        this.tenants = new TenantAdmin(db.tenants(), lookups, audit, keysChanged, catalog, plans);
        this.teams = new TeamAdmin(db.teams(), lookups, audit, keysChanged);
        this.users = new UserAdmin(db.users(), db.apiKeys(), lookups, audit, keysChanged, clock);
        this.keys = new KeyAdmin(db.apiKeys(), lookups, audit, keysChanged, clock, catalog);
        this.budgets = new BudgetAdmin(db.budgets(), lookups, audit, catalog, requireNonNull(budgetLedger, "ledger"));
        this.logs = new LogQueries(db.requestLog(), db.audit(), lookups);
        this.subjects = new SubjectAdmin(
                new ErasureRepository(db.dataSource(), db.dialect()),
                db.requestLog(),
                db.responses(),
                lookups,
                audit,
                clock,
                ERASURE_BATCH);
        this.usage = new UsageReports(db.usage(), lookups, clock);
        this.compliance = new ComplianceReports(db.compliance(), lookups, audit, clock);
        this.suggestions = new SuggestionReports(db.suggestions(), lookups, clock);
        this.pii = new PiiAdmin(db.tenantPii(), lookups, audit, requireNonNull(piiPolicies, "piiPolicies"));
    }

    /**
     * The actor behind an admin token ({@code sk-mer-...} of kind {@code ADMIN_TOKEN}): the super-admin for a
     * platform token, else the token's user with their current role. Empty for anything else, including caller
     * keys, revoked or expired tokens and tokens of deleted users.
     */
    public Optional<Actor> authenticate(String presentedKey) {
        return credentials.authenticate(presentedKey);
    }

    /**
     * Creates the platform's first super-admin token when the database has none (revoked ones count, so this
     * happens once per database). The caller shows the secret once.
     *
     * @return the token with its secret, or empty when one existed already
     */
    public Optional<IssuedKey> bootstrap() {
        return credentials.bootstrap();
    }

    /**
     * Fails with 403 {@code tenant_inactive} when {@code actor} is a user of a tenant that is suspended, expired or
     * whose trial ended: its users may still read their tenant's data (with their role's permissions) but change
     * nothing, not even their own tokens. The super-admin may always, which is how a tenant is reactivated. The HTTP
     * API calls this before every endpoint that changes something.
     */
    public void checkMayChange(Actor actor) {
        if (actor.superAdmin()) {
            return;
        }
        Tenant tenant = lookups.tenant(actor.tenantId());
        if (!tenant.activeAt(clock.instant())) {
            String why = tenant.trialOverAt(clock.instant())
                    ? "its trial has ended"
                    : "it is " + tenant.status().name().toLowerCase(Locale.ROOT);
            throw GatewayException.of(
                    ErrorCode.TENANT_INACTIVE,
                    "Your organisation cannot be changed while " + why
                            + "; its data can still be read. Contact the platform administrator.");
        }
    }

    /** Where the endpoints that act on the running gateway rather than the database record what they did. */
    /** The database, for the endpoints of {@link SecretsAdmin}. */
    Database database() {
        return db;
    }

    AuditTrail audit() {
        return audit;
    }

    /** Plans: the super-admin's commercial terms. */
    public PlanAdmin plans() {
        return plans;
    }

    /** Tenants' own PII settings. */
    PiiAdmin pii() {
        return pii;
    }

    public TenantAdmin tenants() {
        return tenants;
    }

    public TeamAdmin teams() {
        return teams;
    }

    /** Users and their admin-API tokens. */
    public UserAdmin users() {
        return users;
    }

    /** Caller keys. */
    public KeyAdmin keys() {
        return keys;
    }

    /** Budgets of tenants, teams, users and keys. */
    public BudgetAdmin budgets() {
        return budgets;
    }

    /** The request log and the audit log. */
    public UsageReports usage() {
        return usage;
    }

    /** Compliance reports: requests, transfers, PII detections and audited actions over a period. */
    public ComplianceReports compliance() {
        return compliance;
    }

    /** Where a tenant could spend less. */
    public SuggestionReports suggestions() {
        return suggestions;
    }

    public LogQueries logs() {
        return logs;
    }

    /** Erasure and export of one user's or key's request data (GDPR articles 17 and 15). */
    public SubjectAdmin subjects() {
        return subjects;
    }
}
