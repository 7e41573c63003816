package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.QuotaOverride;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.Role;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.repo.Dialect;
import dev.meridian.store.repo.DuplicateException;
import dev.meridian.store.repo.PlanInUseException;
import dev.meridian.store.repo.RequestLogRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Schema migration on an empty database, re-opening, and refusal of a schema newer than the code. */
public abstract class MigrationContract extends StoreContract {
    /** The version of this build's newest migration. */
    private static final int NEWEST = 21;

    private static final List<String> TABLES = List.of(
            "tenants",
            "teams",
            "users",
            "api_keys",
            "store_change",
            "audit_log",
            "request_log",
            "request_body",
            "alert_outbox",
            "plans",
            "responses",
            "provider_credential",
            "master_key_use");

    protected MigrationContract(TestBackend backend) {
        super(backend);
    }

    @Test
    void open_emptyDatabase_appliesEveryMigration() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        try (Database fresh = Database.open(config, clock);
                Connection c = fresh.dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rs.next()).as(table).isTrue();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = "
                    + (fresh.dialect() == Dialect.POSTGRESQL ? "true" : "1") + " ORDER BY installed_rank")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1");
            }
            assertThat(fresh.apiKeys().changeVersion()).isZero();
        }
    }

    @Test
    void open_migratedDatabase_isANoOp() {
        DatabaseConfig config = backend.newDatabase();
        Database.open(config, clock).close();
        try (Database again = Database.open(config, clock)) {
            assertThat(again.tenants().list(null, 10).items()).isEmpty();
        }
    }

    /** Records migration 999 as applied (by a newer build) and sets what code the database admits. */
    private static void migratedByANewerBuild(Database db, int oldestCode) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement history = c.prepareStatement(
                        "INSERT INTO flyway_schema_history (installed_rank, version, "
                                + "description, type, script, checksum, installed_by, execution_time, success) "
                                + "VALUES (99, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 0, ?)");
                PreparedStatement compat =
                        c.prepareStatement("UPDATE schema_compat SET oldest_code = ? WHERE id = 1")) {
            history.setBoolean(1, true);
            history.executeUpdate();
            compat.setInt(1, oldestCode);
            compat.executeUpdate();
        }
    }

    @Test
    void open_schemaNewerThanCode_thatAdmitsOnlyNewerCode_refusesNamingBothVersions() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        try (Database first = Database.open(config, clock)) {
            migratedByANewerBuild(first, 999);
        }

        assertThatThrownBy(() -> Database.open(config, clock))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("Database schema version 999 is newer than the newest migration")
                .hasMessageContaining("(version " + NEWEST + ") and admits only code from version 999")
                .satisfies(e -> {
                    assertThat(((SchemaTooNewException) e).databaseVersion()).isEqualTo("999");
                    assertThat(((SchemaTooNewException) e).codeVersion()).isEqualTo(Integer.toString(NEWEST));
                });
    }

    /**
     * A rolling upgrade: the first new replica migrated the database with migrations older code tolerates (they left
     * {@code oldest_code} at or below this build's newest), so a replica still on this build keeps starting, and its
     * data stays readable and writable.
     */
    @Test
    void open_schemaNewerThanCode_thatAdmitsThisBuild_runsAgainstIt() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        try (Database first = Database.open(config, clock)) {
            first.tenants().create("before-the-upgrade", Plan.BASIC, TenantStatus.ACTIVE, null);
            migratedByANewerBuild(first, NEWEST);
        }

        try (Database old = Database.open(config, clock)) {
            assertThat(old.tenants().findByName("before-the-upgrade")).isPresent();
            old.tenants().create("during-the-upgrade", Plan.BASIC, TenantStatus.ACTIVE, null);
            assertThat(old.tenants().list(null, 10).items()).hasSize(2);
        }
    }

    /**
     * Version 2 makes emails unique per tenant. On SQLite that rebuilds the users table while foreign keys are
     * enforced; the keys users own must keep their owner through it.
     */
    @Test
    void open_databaseAtVersion1_keepsUsersAndKeyOwners_andAllowsAnEmailInTwoTenants() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        Flyway.configure()
                .dataSource(config.url(), config.username(), config.password())
                .locations(config.dialect().migrationLocation())
                .target("1")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(config.url(), config.username(), config.password())) {
            for (String tenant : List.of("ten_a", "ten_b")) {
                insert(
                        c,
                        "INSERT INTO tenants (id, name, status, plan, monthly_tokens, monthly_cost_limit_usd,"
                                + " max_requests_per_minute, available_models, store_bodies, created_at, updated_at)"
                                + " VALUES (?, ?, 'ACTIVE', 'BASIC', 1, 1.0, 1, '[\"*\"]', ?, 0, 0)",
                        tenant,
                        tenant,
                        false);
            }
            insert(
                    c,
                    "INSERT INTO users (id, tenant_id, email, name, role, super_admin, created_at)"
                            + " VALUES ('usr_1', 'ten_a', 'ada@example.com', 'Ada', 'DEVELOPER', ?, 0)",
                    false);
            insert(
                    c,
                    "INSERT INTO api_keys (id, tenant_id, user_id, name, prefix, secret_hash, allowed_models,"
                            + " metadata, kind, status, created_at)"
                            + " VALUES ('key_1', 'ten_a', 'usr_1', 'k', 'sk-mer-abcd', 'hash-1', '[]', '{}',"
                            + " 'CALLER', 'ACTIVE', 0)");
        }

        try (Database migrated = Database.open(config, clock)) {
            assertThat(migrated.users().get("usr_1"))
                    .hasValueSatisfying(u -> assertThat(u.email()).isEqualTo("ada@example.com"));
            assertThat(migrated.apiKeys().get("key_1"))
                    .hasValueSatisfying(k -> assertThat(k.userId()).isEqualTo("usr_1"));
            assertThat(migrated.users()
                            .create("ten_b", null, "ADA@example.com", "Ada too", Role.VIEWER)
                            .tenantId())
                    .isEqualTo("ten_b");
            assertThatThrownBy(() -> migrated.users().create("ten_a", null, "ada@example.com", "Twin", Role.VIEWER))
                    .isInstanceOf(DuplicateException.class);
        }
    }

    /**
     * Version 3 replaces SQLite's request-log indexes (PostgreSQL's stay). Rows written before it read back the same
     * through every filter and page, keep their bodies, and a journal replaying them after the upgrade stores nothing
     * twice.
     */
    @Test
    void open_databaseAtVersion2_keepsRequestLogRows_filtersAndReplaysAsBefore() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        Flyway.configure()
                .dataSource(config.url(), config.username(), config.password())
                .locations(config.dialect().migrationLocation())
                .target("2")
                .load()
                .migrate();
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        List<RequestRecord> written = List.of(
                logRecord("req_1", t0, "key_a", "gpt-4o", 200),
                logRecord("req_2", t0.plusSeconds(1), "key_b", "gpt-4o", 429),
                logRecord("req_3", t0.plusSeconds(1), "key_a", "claude-sonnet", 200),
                logRecord("req_4", t0.plusSeconds(2), "key_a", "gpt-4o", 502));
        try (Connection c = DriverManager.getConnection(config.url(), config.username(), config.password())) {
            for (RequestRecord r : written) {
                insert(
                        c,
                        "INSERT INTO request_log (request_id, ts, tenant_id, key_id, user_id, model_asked, status,"
                                + " total_ms, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cache_hit,"
                                + " attempts, fallbacks) VALUES (?, ?, 'ten_m', ?, 'usr_1', ?, ?, 12.5, 100, 20, 0, 0, ?,"
                                + " 1, 0)",
                        r.requestId(),
                        r.ts().toEpochMilli(),
                        r.keyId(),
                        r.modelAsked(),
                        r.status(),
                        false);
            }
            insert(c, "INSERT INTO request_body (request_id, prompt, completion) VALUES ('req_3', 'p', 'c')");
        }

        try (Database migrated = Database.open(config, clock)) {
            RequestLogRepository log = migrated.requestLog();
            assertThat(ids(log, new RequestLogQuery("ten_m", null, null, null, null, null, null, 10)))
                    .containsExactly("req_4", "req_3", "req_2", "req_1");
            assertThat(ids(log, new RequestLogQuery("ten_m", null, null, "key_a", null, null, null, 10)))
                    .containsExactly("req_4", "req_3", "req_1");
            assertThat(ids(log, new RequestLogQuery("ten_m", null, null, null, "gpt-4o", null, null, 10)))
                    .containsExactly("req_4", "req_2", "req_1");
            assertThat(ids(log, new RequestLogQuery("ten_m", null, null, "key_a", "gpt-4o", 200, null, 10)))
                    .containsExactly("req_1");
            assertThat(ids(
                            log,
                            new RequestLogQuery(
                                    "ten_m", t0.plusSeconds(1), t0.plusSeconds(2), null, null, null, null, 10)))
                    .containsExactly("req_3", "req_2");
            Page<RequestRecord> first = log.query(RequestLogQuery.forTenant("ten_m", 2));
            assertThat(log.query(RequestLogQuery.forTenant("ten_m", 2).withCursor(first.nextCursor()))
                            .items())
                    .extracting(RequestRecord::requestId)
                    .containsExactly("req_2", "req_1");
            assertThat(log.get("ten_m", "req_3"))
                    .hasValueSatisfying(r -> assertThat(r.prompt()).isEqualTo("p"));
            assertThat(log.insertBatch(written))
                    .as("a replay after the upgrade")
                    .isZero();
            assertThat(log.count("ten_m")).isEqualTo(4);
        }
    }

    /**
     * Version 7 turns the plan enum into rows. A tenant's copied defaults become "follow the plan" (NULL), values it
     * was given stay as overrides, CUSTOM becomes enterprise with its own values kept, and keys gain empty limits.
     */
    @Test
    void open_databaseAtVersion6_movesTenantsOntoPlanRowsKeepingOnlyRealOverrides() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        Flyway.configure()
                .dataSource(config.url(), config.username(), config.password())
                .locations(config.dialect().migrationLocation())
                .target("6")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(config.url(), config.username(), config.password())) {
            String insert = "INSERT INTO tenants (id, name, status, plan, monthly_tokens, monthly_cost_limit_usd,"
                    + " max_requests_per_minute, available_models, store_bodies, created_at, updated_at)"
                    + " VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, 0, 0)";
            insert(
                    c,
                    insert,
                    "ten_b",
                    "b",
                    "BASIC",
                    1_000_000L,
                    100.0,
                    60,
                    "[\"gpt-3.5-turbo\",\"gemini-pro\"]",
                    false);
            insert(c, insert, "ten_p", "p", "PROFESSIONAL", 5L, 1_000.0, 600, "[\"gpt-4o\"]", false);
            insert(c, insert, "ten_e", "e", "ENTERPRISE", 100_000_000L, 10_000.0, 6_000, "[\"*\"]", false);
            insert(c, insert, "ten_c", "c", "CUSTOM", 42L, 10_000.0, 7, "[\"*\"]", false);
            insert(
                    c,
                    "INSERT INTO api_keys (id, tenant_id, name, prefix, secret_hash, allowed_models, metadata, kind,"
                            + " status, created_at) VALUES ('key_1', 'ten_b', 'k', 'sk-mer-abcd', 'hash-1', '[]', '{}',"
                            + " 'CALLER', 'ACTIVE', 0)");
        }

        try (Database migrated = Database.open(config, clock)) {
            Tenant basic = migrated.tenants().get("ten_b").orElseThrow();
            assertThat(basic.plan()).isEqualTo(Plan.BASIC);
            assertThat(basic.quota()).isEqualTo(QuotaOverride.NONE);
            assertThat(basic.rateLimits()).isEqualTo(RateLimits.NONE);

            Tenant professional = migrated.tenants().get("ten_p").orElseThrow();
            assertThat(professional.plan()).isEqualTo(Plan.PROFESSIONAL);
            assertThat(professional.quota()).isEqualTo(new QuotaOverride(5L, null, List.of("gpt-4o")));
            assertThat(professional.rateLimits()).isEqualTo(RateLimits.NONE);

            assertThat(migrated.tenants().get("ten_e").orElseThrow().quota()).isEqualTo(QuotaOverride.NONE);

            Tenant custom = migrated.tenants().get("ten_c").orElseThrow();
            assertThat(custom.plan()).isEqualTo(Plan.ENTERPRISE);
            assertThat(custom.quota()).isEqualTo(new QuotaOverride(42L, null, null));
            assertThat(custom.rateLimits()).isEqualTo(new RateLimits(7L, null));

            assertThat(migrated.apiKeys().get("key_1").orElseThrow().rateLimits())
                    .isEqualTo(RateLimits.NONE);
            assertThatThrownBy(() -> migrated.plans().delete(Plan.BASIC))
                    .as("a plan with tenants stays")
                    .isInstanceOf(PlanInUseException.class);
        }
    }

    private static List<String> ids(RequestLogRepository log, RequestLogQuery query) {
        return log.query(query).items().stream().map(RequestRecord::requestId).toList();
    }

    private static RequestRecord logRecord(String id, Instant ts, String key, String model, int status) {
        return new RequestRecord(
                id, ts, "ten_m", key, "usr_1", model, null, null, null, null, status, null, 12.5, null, null, 100, 20,
                0, 0, null, false, 1, 0, null, null, false);
    }

    private static void insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
