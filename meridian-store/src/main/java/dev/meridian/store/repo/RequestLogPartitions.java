package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The monthly partitions of PostgreSQL's request log (schema version 16): {@code request_log_pYYYYMM} holds the
 * rows whose ts falls in that UTC month, {@code request_log_default} any other. On SQLite, which has no partitions,
 * every method does nothing.
 */
public final class RequestLogPartitions {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMM");
    private static final String PREFIX = "request_log_p";
    /**
     * The transaction-level advisory lock that orders the replicas' creations and drops of partitions: each replica
     * runs the retention job on its own, and at a month's turn they would otherwise create the same table at once.
     */
    private static final long PARTITION_LOCK = 0x6d65726964_01L;
    /** Request ids per batch when deleting the bodies of a partition about to be dropped. */
    private static final int BODY_BATCH = 1_000;

    private final Sql sql;
    private final Dialect dialect;

    public RequestLogPartitions(DataSource dataSource, Dialect dialect) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.dialect = dialect;
    }

    /** A monthly partition and its bounds: [from, to). */
    public record Partition(String name, YearMonth month, Instant from, Instant to) {
        static Partition of(YearMonth month) {
            return new Partition(
                    PREFIX + month.format(SUFFIX),
                    month,
                    month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }

    /** Whether this database partitions its request log. */
    public boolean partitioned() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** The monthly partitions that exist, oldest first (the default partition is not listed). */
    public List<Partition> list() {
        if (!partitioned()) {
            return List.of();
        }
        return sql.query(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "WHERE i.inhparent = 'request_log'::regclass AND c.relname LIKE 'request_log_p%' "
                        + "ORDER BY c.relname",
                rs -> Partition.of(YearMonth.parse(rs.getString(1).substring(PREFIX.length()), SUFFIX)));
    }

    /**
     * Creates the partitions of the month of {@code now} and the {@code monthsAhead} months after it that do not
     * exist yet. Rows of such a month already in the default partition move into the new one in the same
     * transaction, so the partition can be attached. Replicas may run this at once: each partition is created, and
     * reported, by one of them.
     *
     * @return the partitions created
     */
    public List<Partition> createAhead(Instant now, int monthsAhead) {
        if (!partitioned()) {
            return List.of();
        }
        List<String> existing = list().stream().map(Partition::name).toList();
        YearMonth first = YearMonth.from(now.atZone(ZoneOffset.UTC));
        List<Partition> created = new ArrayList<>();
        for (int i = 0; i <= monthsAhead; i++) {
            Partition p = Partition.of(first.plusMonths(i));
            if (!existing.contains(p.name()) && sql.inTransaction(c -> create(c, p))) {
                created.add(p);
            }
        }
        return created;
    }

    /** Creates {@code p} unless another replica did since the list was read; whether this call created it. */
    private static boolean create(Connection c, Partition p) throws SQLException {
        long from = p.from().toEpochMilli();
        long to = p.to().toEpochMilli();
        try (Statement s = c.createStatement()) {
            if (!lockedAndPresent(s, p, false)) {
                return false;
            }
            s.execute("CREATE TABLE " + p.name() + " (LIKE request_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
            s.execute("WITH moved AS (DELETE FROM request_log_default WHERE ts >= " + from + " AND ts < " + to
                    + " RETURNING *) INSERT INTO " + p.name() + " SELECT * FROM moved");
            s.execute("ALTER TABLE request_log ATTACH PARTITION " + p.name() + " FOR VALUES FROM (" + from + ") TO ("
                    + to + ")");
        }
        return true;
    }

    /**
     * Takes the partitions' lock for the transaction, then tells whether {@code p} is in the state this replica read
     * before it: absent when {@code present} is false, there when it is true.
     */
    private static boolean lockedAndPresent(Statement s, Partition p, boolean present) throws SQLException {
        s.execute("SELECT pg_advisory_xact_lock(" + PARTITION_LOCK + ")");
        // The catalog read as a table, in this statement's snapshot (taken after the lock): to_regclass would read
        // the session's catalog cache, which may not have seen another replica's drop yet.
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid ="
                + " i.inhrelid WHERE i.inhparent = 'request_log'::regclass AND c.relname = '" + p.name() + "')")) {
            rs.next();
            return rs.getBoolean(1) == present;
        }
    }

    /** A partition dropped, and how many rows it held. */
    public record Dropped(Partition partition, long rows) {}

    /**
     * Drops every monthly partition whose whole month is older than {@code cutoff}, after deleting the bodies of
     * its rows in batches (walking the partition's own primary key, never the whole table). Replicas may run this
     * at once: each partition is dropped, and reported, by one of them.
     */
    public List<Dropped> dropOlderThan(Instant cutoff) {
        requireNonNull(cutoff, "cutoff");
        List<Dropped> dropped = new ArrayList<>();
        for (Partition p : list()) {
            if (p.to().isAfter(cutoff)) {
                continue;
            }
            long rows = 0;
            String after = "";
            while (true) {
                String from = after;
                // Through the parent, pruned to the month: a partition another replica dropped meanwhile reads
                // as empty instead of failing.
                List<String> ids = sql.query(
                        "SELECT request_id FROM request_log WHERE ts >= ? AND ts < ? AND request_id > ?"
                                + " ORDER BY request_id LIMIT ?",
                        rs -> rs.getString(1),
                        p.from().toEpochMilli(),
                        p.to().toEpochMilli(),
                        from,
                        BODY_BATCH);
                if (ids.isEmpty()) {
                    break;
                }
                rows += ids.size();
                sql.withConnection(c -> Sql.update(
                        c,
                        "DELETE FROM request_body WHERE request_id IN (" + RetentionRepository.marks(ids.size()) + ")",
                        ids.toArray()));
                after = ids.get(ids.size() - 1);
            }
            boolean mine = sql.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    if (!lockedAndPresent(s, p, true)) {
                        return false; // another replica dropped it meanwhile
                    }
                    s.execute("DROP TABLE " + p.name());
                    return true;
                }
            });
            if (mine) {
                dropped.add(new Dropped(p, rows));
            }
        }
        return dropped;
    }
}
