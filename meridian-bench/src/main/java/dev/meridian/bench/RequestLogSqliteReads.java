package dev.meridian.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.repo.Dialect;
import dev.meridian.store.repo.RequestLogRepository;
import dev.meridian.store.repo.RequestLogWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The admin API's request-log reads on a large SQLite file, on the schema of an earlier version and after the
 * newest migration, on the same rows: the file is migrated to {@code fromVersion}, filled with generated rows in
 * time order (the request log's secondary indexes dropped for the load and re-created from their own
 * definitions), every read is timed through {@code RequestLogRepository} with its plan; then {@code Database.open}
 * migrates the file (timed) and the same reads run again. Ends with a retention delete of one day on each schema.
 */
final class RequestLogSqliteReads {

    private static final int PAGE = 50;
    private static final long DAY = 86_400_000L;

    /** One read on one schema: median and slowest of the timed runs, and SQLite's plan. */
    record Read(String schema, String tenant, String query, double medianMs, double maxMs, String plan) {}

    private final Path file;
    private final long now = System.currentTimeMillis();
    private final List<String> notes = new ArrayList<>();

    RequestLogSqliteReads(Path file) {
        this.file = file;
    }

    List<String> notes() {
        return notes;
    }

    /** Generates {@code rows} on schema {@code fromVersion}, reads, migrates to the newest schema, reads again. */
    List<Read> run(long rows, String fromVersion) throws Exception {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure()
                .dataSource(url, null, null)
                .locations(Dialect.SQLITE.migrationLocation())
                .target(fromVersion)
                .load()
                .migrate();
        List<Read> reads = new ArrayList<>();
        try (HikariDataSource pool = gatewayLikePool(url)) {
            generate(pool, rows);
            String schema = "V" + fromVersion;
            RequestLogRepository repo = new RequestLogRepository(pool, Dialect.SQLITE);
            for (String tenant : List.of(SyntheticRecords.tenant(0), SyntheticRecords.tenant(100))) {
                notes.add(String.format("%s: %,d rows", tenant, repo.count(tenant)));
                reads.addAll(measure(schema, pool, repo, tenant));
            }
            reads.addAll(platformWide(schema, pool, repo, 29));
        }
        long t0 = System.nanoTime();
        try (Database db = Database.open(new DatabaseConfig(url, null, null, DatabaseConfig.DEFAULT_POOL_SIZE))) {
            notes.add(String.format(
                    "migrating the %,d rows to the newest schema: %.1f s", rows, (System.nanoTime() - t0) / 1e9));
            for (String tenant : List.of(SyntheticRecords.tenant(0), SyntheticRecords.tenant(100))) {
                reads.addAll(measure("newest", db.dataSource(), db.requestLog(), tenant));
            }
            reads.addAll(platformWide("newest", db.dataSource(), db.requestLog(), 28));
            notes.add("indexes on the newest schema: " + SqliteReadTimer.indexes(db.dataSource()));
        }
        return reads;
    }

    /** A pool with the gateway's settings (Database's), for a file this build would otherwise migrate on open. */
    private static HikariDataSource gatewayLikePool(String url) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setCacheSize(-4_096);
        sqlite.setBusyTimeout(5_000);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(ds);
        hikari.setMaximumPoolSize(DatabaseConfig.DEFAULT_POOL_SIZE);
        return new HikariDataSource(hikari);
    }

    /** Rows over the last 30 days in time order, written by the gateway's writer with the secondary indexes off. */
    private void generate(HikariDataSource pool, long rows) throws SQLException {
        long t0 = System.nanoTime();
        List<String> restore = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                        + " AND tbl_name = 'request_log' AND sql IS NOT NULL")) {
            List<String[]> indexes = new ArrayList<>();
            while (rs.next()) {
                indexes.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            for (String[] index : indexes) {
                s.execute("DROP INDEX " + index[0]);
                restore.add(index[1]);
            }
        }
        SyntheticRecords gen = new SyntheticRecords(7);
        long start = now - 30 * DAY;
        double step = 30.0 * DAY / rows;
        try (RequestLogWriter writer = new RequestLogRepository(pool, Dialect.SQLITE).openWriter()) {
            List<RequestRecord> batch = new ArrayList<>();
            for (long n = 0; n < rows; n++) {
                batch.add(gen.at(start + (long) (n * step)));
                if (batch.size() == 50_000 || n == rows - 1) {
                    writer.insertBatch(batch);
                    batch.clear();
                }
            }
        }
        double loaded = (System.nanoTime() - t0) / 1e9;
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            for (String ddl : restore) {
                s.execute(ddl);
            }
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        notes.add(String.format(
                "%,d rows in time order: %.0f s, %.0f s with the indexes re-created; file %,d MB",
                rows, loaded, (System.nanoTime() - t0) / 1e9, file.toFile().length() >> 20));
    }

    private List<Read> measure(String schema, DataSource ds, RequestLogRepository repo, String tenant)
            throws SQLException {
        String key = "key_" + tenant.substring(4) + "_03";
        String noKey = "key_" + tenant.substring(4) + "_99";
        String model = SyntheticRecords.MODELS[6];
        Instant from = Instant.ofEpochMilli(now).minus(8, ChronoUnit.DAYS);
        Instant to = from.plus(1, ChronoUnit.DAYS);
        Page<RequestRecord> first = repo.query(RequestLogQuery.forTenant(tenant, PAGE));
        Page<RequestRecord> deep = repo.query(
                new RequestLogQuery(tenant, null, Instant.ofEpochMilli(now - 15 * DAY), null, null, null, null, PAGE));
        String id = first.items().get(PAGE / 2).requestId();
        String base = "SELECT * FROM request_log WHERE tenant_id = ?";
        String order = " ORDER BY ts DESC, request_id DESC LIMIT 51";
        String cursor = " AND ts <= ? AND (ts < ? OR request_id < ?)";
        RequestRecord last = first.items().get(PAGE - 1);
        RequestRecord deepLast = deep.items().get(PAGE - 1);
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        List<Read> out = new ArrayList<>();
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "newest page",
                () -> repo.query(RequestLogQuery.forTenant(tenant, PAGE)),
                base + order,
                tenant));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "key page (a 10 % key)",
                () -> repo.query(q(tenant, null, null, key, null, null)),
                base + " AND key_id = ?" + order,
                tenant,
                key));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "key page, a key with no rows",
                () -> repo.query(q(tenant, null, null, noKey, null, null)),
                base + " AND key_id = ?" + order,
                tenant,
                noKey));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "the same, within one day",
                () -> repo.query(q(tenant, from, to, noKey, null, null)),
                base + " AND ts >= ? AND ts < ? AND key_id = ?" + order,
                tenant,
                f,
                t,
                noKey));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "model page (" + model + ", 7 %)",
                () -> repo.query(q(tenant, null, null, null, model, null)),
                base + " AND model_asked = ?" + order,
                tenant,
                model));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "status page (429, 2 %)",
                () -> repo.query(q(tenant, null, null, null, null, 429)),
                base + " AND status = ?" + order,
                tenant,
                429));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "one-day window, 8 days back",
                () -> repo.query(q(tenant, from, to, null, null, null)),
                base + " AND ts >= ? AND ts < ?" + order,
                tenant,
                f,
                t));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "next page (cursor of page 1)",
                () -> repo.query(RequestLogQuery.forTenant(tenant, PAGE).withCursor(first.nextCursor())),
                base + cursor + order,
                tenant,
                last.ts().toEpochMilli(),
                last.ts().toEpochMilli(),
                last.requestId()));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "next page, cursor 15 days back",
                () -> repo.query(RequestLogQuery.forTenant(tenant, PAGE).withCursor(deep.nextCursor())),
                base + cursor + order,
                tenant,
                deepLast.ts().toEpochMilli(),
                deepLast.ts().toEpochMilli(),
                deepLast.requestId()));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "get by request id",
                () -> repo.get(tenant, id),
                "SELECT l.*, b.prompt, b.completion FROM request_log l LEFT JOIN request_body b"
                        + " ON b.request_id = l.request_id WHERE l.request_id = ? AND l.tenant_id = ?",
                id,
                tenant));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                tenant,
                "count",
                () -> repo.count(tenant),
                "SELECT COUNT(*) FROM request_log WHERE tenant_id = ?",
                tenant));
        return out;
    }

    /** The super-admin's newest page and a page 15 days back, then a retention delete of the day {@code daysBack}. */
    private List<Read> platformWide(String schema, DataSource ds, RequestLogRepository repo, int daysBack)
            throws SQLException {
        Page<RequestRecord> deep = repo.query(
                new RequestLogQuery(null, null, Instant.ofEpochMilli(now - 15 * DAY), null, null, null, null, PAGE));
        RequestRecord last = deep.items().get(PAGE - 1);
        String order = " ORDER BY ts DESC, request_id DESC LIMIT 51";
        List<Read> out = new ArrayList<>();
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                "all",
                "platform-wide newest page",
                () -> repo.query(q(null, null, null, null, null, null)),
                "SELECT * FROM request_log" + order));
        out.add(SqliteReadTimer.time(
                schema,
                ds,
                "all",
                "platform-wide page, cursor 15 days back",
                () -> repo.query(q(null, null, null, null, null, null).withCursor(deep.nextCursor())),
                "SELECT * FROM request_log WHERE ts <= ? AND (ts < ? OR request_id < ?)" + order,
                last.ts().toEpochMilli(),
                last.ts().toEpochMilli(),
                last.requestId()));
        String delete = "DELETE FROM request_log WHERE ts < ?";
        long cutoff = now - daysBack * DAY;
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(delete)) {
            ps.setLong(1, cutoff);
            long t0 = System.nanoTime();
            int deleted = ps.executeUpdate();
            double ms = (System.nanoTime() - t0) / 1e6;
            out.add(new Read(
                    schema,
                    "all",
                    String.format("retention: delete %,d rows (one day)", deleted),
                    ms,
                    ms,
                    SqliteReadTimer.plan(ds, delete, cutoff)));
        }
        return out;
    }

    private static RequestLogQuery q(
            String tenant, Instant from, Instant to, String key, String model, Integer status) {
        return new RequestLogQuery(tenant, from, to, key, model, status, null, PAGE);
    }
}
