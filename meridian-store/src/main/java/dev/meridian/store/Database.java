package dev.meridian.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.repo.AlertOutboxRepository;
import dev.meridian.store.repo.ApiKeyRepository;
import dev.meridian.store.repo.AuditRepository;
import dev.meridian.store.repo.BudgetRepository;
import dev.meridian.store.repo.ComplianceRepository;
import dev.meridian.store.repo.ConfigOverlayRepository;
import dev.meridian.store.repo.Dialect;
import dev.meridian.store.repo.EncryptionRepository;
import dev.meridian.store.repo.PlanRepository;
import dev.meridian.store.repo.ProviderCredentialRepository;
import dev.meridian.store.repo.RequestLogRepository;
import dev.meridian.store.repo.ResponseRepository;
import dev.meridian.store.repo.StoreException;
import dev.meridian.store.repo.SuggestionRepository;
import dev.meridian.store.repo.TeamRepository;
import dev.meridian.store.repo.TenantPiiRepository;
import dev.meridian.store.repo.TenantRepository;
import dev.meridian.store.repo.UsageRepository;
import dev.meridian.store.repo.UserRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store: a connection pool on SQLite or PostgreSQL, a migrated schema, and the repositories on top.
 *
 * <pre>{@code
 * try (Database db = Database.open(DatabaseConfig.embedded())) {
 *   Tenant t = db.tenants().create("acme", Plan.BASIC, TenantStatus.TRIAL, trialEnd);
 * }
 * }</pre>
 *
 * <p>Opening blocks: it connects, then migrates. Thread-safe once open; every repository method blocks on JDBC.
 */
public final class Database implements AutoCloseable {
    /** The file name of the embedded database inside MERIDIAN_HOME. */
    public static final String SQLITE_FILE = "meridian.db";

    // How long SQLite waits on a locked database before failing; writes are short, so a few seconds is generous.
    private static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final TenantRepository tenants;
    private final PlanRepository plans;
    private final TeamRepository teams;
    private final UserRepository users;
    private final ApiKeyRepository apiKeys;
    private final AuditRepository audit;
    private final RequestLogRepository requestLog;
    private final UsageRepository usage;
    private final ComplianceRepository compliance;
    private final SuggestionRepository suggestions;
    private final BudgetRepository budgets;
    private final AlertOutboxRepository alertOutbox;
    private final ResponseRepository responses;
    private final TenantPiiRepository tenantPii;
    private final ProviderCredentialRepository providerCredentials;
    private final ConfigOverlayRepository configOverlays;
    private final EncryptionRepository encryption;
    private final KeyRing keys;

    private Database(Dialect dialect, HikariDataSource dataSource, Clock clock, KeyRing keys) {
        this.keys = keys;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.tenants = new TenantRepository(dataSource, dialect, clock);
        this.plans = new PlanRepository(dataSource, dialect, clock);
        this.tenantPii = new TenantPiiRepository(dataSource, dialect, clock);
        this.teams = new TeamRepository(dataSource, dialect, clock);
        this.users = new UserRepository(dataSource, dialect, clock);
        this.apiKeys = new ApiKeyRepository(dataSource, dialect, clock);
        this.audit = new AuditRepository(dataSource, dialect, clock);
        this.requestLog = new RequestLogRepository(dataSource, dialect, keys, clock);
        this.usage = new UsageRepository(dataSource, dialect);
        this.compliance = new ComplianceRepository(dataSource, dialect);
        this.suggestions = new SuggestionRepository(dataSource, dialect);
        this.budgets = new BudgetRepository(dataSource, dialect, clock);
        this.alertOutbox = new AlertOutboxRepository(dataSource, dialect, clock);
        this.responses = new ResponseRepository(dataSource, dialect, keys, clock);
        this.providerCredentials = new ProviderCredentialRepository(dataSource, dialect, keys, clock);
        this.configOverlays = new ConfigOverlayRepository(dataSource, dialect, clock);
        this.encryption = new EncryptionRepository(dataSource, dialect, keys, clock);
    }

    /** Opens and migrates the database of {@code config} with the system clock. */
    public static Database open(DatabaseConfig config) {
        return open(config, Clock.systemUTC());
    }

    /**
     * Opens and migrates the database of {@code config}; repositories read the time from {@code clock}.
     *
     * @throws SchemaTooNewException when a newer Meridian migrated the database
     * @throws StoreException when the database cannot be reached or a migration fails
     */
    public static Database open(DatabaseConfig config, Clock clock) {
        return open(config, clock, KeyRing.none());
    }

    /**
     * Opens and migrates the database of {@code config}; secrets at rest are sealed and opened with {@code keys}.
     *
     * @throws MasterKeyMissingException when the database holds values sealed under a key {@code keys} lacks
     * @throws SchemaTooNewException when a newer Meridian migrated the database
     * @throws StoreException when the database cannot be reached or a migration fails
     */
    public static Database open(DatabaseConfig config, Clock clock, KeyRing keys) {
        requireNonNull(config, "config");
        requireNonNull(keys, "keys");
        requireNonNull(clock, "clock");
        Dialect dialect = config.dialect();
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(config, dialect));
        } catch (RuntimeException e) {
            throw new StoreException(
                    "cannot open the " + dialect + " database at "
                            + (config.url() == null
                                    ? defaultSqliteFile(System.getenv()).toAbsolutePath()
                                    : config.url())
                            + ": "
                            + e.getMessage(),
                    e);
        }
        try {
            Migrations.migrate(pool, dialect);
            Database database = new Database(dialect, pool, clock, keys);
            List<String> missing = database.encryption().keyIdsInUse().stream()
                    .filter(id -> !keys.opens(id))
                    .toList();
            if (!missing.isEmpty()) {
                throw new MasterKeyMissingException(missing, keys);
            }
            // Entries from before the audit chain (V13) join it once; later starts find none.
            database.audit().chainUnchained();
            return database;
        } catch (StoreException e) {
            pool.close();
            throw e;
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("migrating the " + dialect + " schema failed: " + e.getMessage(), e);
        }
    }

    /** The embedded database file: {@code $MERIDIAN_HOME/meridian.db}, or {@code ./data/meridian.db} without it. */
    public static Path defaultSqliteFile(Map<String, String> environment) {
        String home = environment.get("MERIDIAN_HOME");
        return Path.of(home == null || home.isBlank() ? "data" : home).resolve(SQLITE_FILE);
    }

    private static HikariConfig poolConfig(DatabaseConfig config, Dialect dialect) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("meridian-" + dialect.name().toLowerCase(Locale.ROOT));
        hikari.setMaximumPoolSize(config.maxPoolSize());
        // Fail fast while the database is unreachable: callers (a key lookup, the request-log writer) retry or
        // answer 503 rather than holding a thread for Hikari's default 30 s.
        hikari.setConnectionTimeout(5_000);
        if (dialect == Dialect.SQLITE) {
            hikari.setDataSource(sqliteDataSource(config.url()));
        } else {
            hikari.setJdbcUrl(config.url());
            hikari.setUsername(config.username());
            hikari.setPassword(config.password());
        }
        return hikari;
    }

    private static DataSource sqliteDataSource(String url) {
        Path file = url == null
                ? defaultSqliteFile(System.getenv())
                : Path.of(url.substring(Dialect.SQLITE.urlPrefix().length()));
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + parent, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        // WAL lets readers run beside the one writer; NORMAL sync is durable across application crashes under WAL.
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // 4 MiB of page cache per connection (the default is 2 MiB): the hot end of the request log's indexes stays
        // in memory without costing the gateway's memory target (the pool has up to 8 connections).
        sqlite.setCacheSize(-4_096);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        // Transactions take the write lock when they begin, so two writers queue on busy_timeout instead of one
        // failing at once with SQLITE_BUSY when it upgrades a read lock.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl(Dialect.SQLITE.urlPrefix() + file.toAbsolutePath());
        return ds;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The pooled data source, for callers that need plain JDBC (tests, health checks). */
    public DataSource dataSource() {
        return dataSource;
    }

    public TenantRepository tenants() {
        return tenants;
    }

    /** Plans: the seeded basic, professional and enterprise, and custom ones. */
    public PlanRepository plans() {
        return plans;
    }

    public TeamRepository teams() {
        return teams;
    }

    public UserRepository users() {
        return users;
    }

    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    public AuditRepository audit() {
        return audit;
    }

    /** Tenants' own PII settings, set through the admin API. */
    public TenantPiiRepository tenantPii() {
        return tenantPii;
    }

    public BudgetRepository budgets() {
        return budgets;
    }

    public RequestLogRepository requestLog() {
        return requestLog;
    }

    public UsageRepository usage() {
        return usage;
    }

    public ComplianceRepository compliance() {
        return compliance;
    }

    public SuggestionRepository suggestions() {
        return suggestions;
    }

    /** Alerts queued for delivery and delivered. */
    public AlertOutboxRepository alertOutbox() {
        return alertOutbox;
    }

    /** Responses stored by the Responses API. */
    public ResponseRepository responses() {
        return responses;
    }

    /** Provider credentials set through the admin API, sealed under the master key. */
    public ProviderCredentialRepository providerCredentials() {
        return providerCredentials;
    }

    /** Parts of the configuration set through the admin API (model groups), laid over the file's. */
    public ConfigOverlayRepository configOverlays() {
        return configOverlays;
    }

    /** The sealed columns as a whole: key ids in use, counts, re-encryption to the current master key. */
    public EncryptionRepository encryption() {
        return encryption;
    }

    /** The master keys this database seals and opens secrets with. */
    public KeyRing keys() {
        return keys;
    }

    /** Closes the pool; repositories fail afterwards. */
    @Override
    public void close() {
        dataSource.close();
    }
}
