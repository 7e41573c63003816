package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.crypto.UnreadableSecretException;
import dev.meridian.store.model.EncryptionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sealed columns as a whole: which master key ids are in use, counts per key id, and the re-encryption of
 * envelopes under older keys to the current one, a short transaction per batch so that traffic goes on beside it.
 * Every method blocks on JDBC (and on AES for a batch); run it on a worker thread.
 */
public final class EncryptionRepository {
    private static final Logger LOG = LoggerFactory.getLogger(EncryptionRepository.class);

    private final Sql sql;
    private final KeyRing keys;
    private final Clock clock;

    public EncryptionRepository(DataSource dataSource, Dialect dialect, KeyRing keys, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.keys = requireNonNull(keys, "keys");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The key ids recorded as having sealed values in this database, oldest first. */
    public List<String> keyIdsInUse() {
        return KeyUse.ids(sql);
    }

    /** Whether any tenant keeps its bodies, for the start-up warning of bodies stored in the clear. */
    public boolean anyTenantStoresBodies() {
        return sql.queryOne("SELECT 1 FROM tenants WHERE store_bodies = ? LIMIT 1", rs -> true, true)
                .isPresent();
    }

    /** Counts per sealed column: values in the clear and envelopes per key id. Scans the tables. */
    public EncryptionStatus status() {
        Map<String, EncryptionStatus.Counts> columns = new LinkedHashMap<>();
        for (SealedColumn col : SealedColumn.ALL) {
            Map<String, Long> byKey = new LinkedHashMap<>();
            sql.query(
                            "SELECT substr(" + col.column() + ", 5, 8) AS key_id, COUNT(*) AS n FROM " + col.table()
                                    + " WHERE " + col.column() + " LIKE ? GROUP BY substr(" + col.column()
                                    + ", 5, 8) ORDER BY 1",
                            rs -> Map.entry(rs.getString("key_id"), rs.getLong("n")),
                            KeyRing.likeAny())
                    .forEach(e -> byKey.put(e.getKey(), e.getValue()));
            long clear = sql.queryOne(
                            "SELECT COUNT(*) FROM " + col.table() + " WHERE " + col.column() + " IS NOT NULL AND "
                                    + col.column() + " NOT LIKE ?",
                            rs -> rs.getLong(1),
                            KeyRing.likeAny())
                    .orElse(0L);
            columns.put(col.toString(), new EncryptionStatus.Counts(clear, byKey));
        }
        return new EncryptionStatus(columns, keyIdsInUse());
    }

    /**
     * One pass over every sealed column: each envelope under a key other than the current one, and each value written
     * in the clear before a master key was set, is sealed (again) under the current key, {@code batchSize} rows per transaction. A row changed meanwhile (by a writer or
     * another replica's pass) is left as it is. Once a key id has no envelope left it is retired from
     * {@code master_key_use}, so that a later start no longer needs it.
     *
     * @return how many values were sealed again
     */
    public long reencrypt(int batchSize) {
        if (!keys.enabled()) {
            return 0;
        }
        long done = 0;
        for (SealedColumn col : SealedColumn.ALL) {
            done += reencrypt(col, batchSize);
        }
        retireUnused();
        return done;
    }

    private long reencrypt(SealedColumn col, int batchSize) {
        long done = 0;
        String[] after = null;
        while (true) {
            List<Stale> batch = staleBatch(col, after, batchSize);
            if (batch.isEmpty()) {
                return done;
            }
            List<Stale> resealed = new ArrayList<>(batch.size());
            for (Stale s : batch) {
                try {
                    resealed.add(s.with(keys.seal(keys.open(s.value(), s.where()), s.where())));
                } catch (UnreadableSecretException e) {
                    LOG.warn("re-encryption: {}; the value is left as it is", e.getMessage());
                }
            }
            done += sql.inTransaction(c -> {
                int n = 0;
                for (Stale s : resealed) {
                    n += Sql.update(c, updateSql(col), params(s));
                }
                KeyUse.record(c, keys, clock);
                return n;
            });
            after = batch.get(batch.size() - 1).keys();
        }
    }

    /** A value not under the current key: its row key, place and value; {@code fresh} the value sealed again. */
    private record Stale(String[] keys, String where, String value, String fresh) {
        Stale with(String resealed) {
            return new Stale(keys, where, value, resealed);
        }
    }

    private List<Stale> staleBatch(SealedColumn col, String[] after, int batchSize) {
        String keyList = col.keyList();
        String afterClause = "";
        List<Object> params = new ArrayList<>(List.of(KeyRing.likeKey(keys.currentId())));
        if (after != null) {
            afterClause = " AND (" + keyList + ") > (" + "?, ".repeat(after.length - 1) + "?)";
            params.addAll(List.of((Object[]) after));
        }
        params.add(batchSize);
        return sql.query(
                "SELECT " + keyList + ", " + col.column() + " FROM " + col.table() + " WHERE " + col.column()
                        + " IS NOT NULL AND " + col.column() + " NOT LIKE ?" + afterClause + " ORDER BY " + keyList
                        + " LIMIT ?",
                rs -> stale(col, rs),
                params.toArray());
    }

    private static Stale stale(SealedColumn col, ResultSet rs) throws SQLException {
        String[] rowKeys = new String[col.keyColumns().size()];
        for (int i = 0; i < rowKeys.length; i++) {
            rowKeys[i] = rs.getString(col.keyColumns().get(i));
        }
        return new Stale(rowKeys, col.where(rowKeys), rs.getString(col.column()), null);
    }

    /** Replaces the value only if it is still the one read, so a concurrent change is never overwritten. */
    private static String updateSql(SealedColumn col) {
        StringBuilder s = new StringBuilder("UPDATE " + col.table() + " SET " + col.column() + " = ? WHERE ");
        for (String k : col.keyColumns()) {
            s.append(k).append(" = ? AND ");
        }
        return s.append(col.column()).append(" = ?").toString();
    }

    private static Object[] params(Stale s) {
        List<Object> p = new ArrayList<>();
        p.add(s.fresh());
        p.addAll(List.of((Object[]) s.keys()));
        p.add(s.value());
        return p.toArray();
    }

    /**
     * Removes from {@code master_key_use} every id other than the current one that no envelope names any more. The
     * check and the removal are one statement, and a writer under that key records it again in its own transaction,
     * so an id in use is not left out for long even while replicas on the older key still write (rotation phase 2).
     */
    private void retireUnused() {
        StringBuilder unused = new StringBuilder("DELETE FROM master_key_use WHERE key_id = ?");
        for (SealedColumn col : SealedColumn.ALL) {
            unused.append(" AND NOT EXISTS (SELECT 1 FROM ")
                    .append(col.table())
                    .append(" WHERE ")
                    .append(col.column())
                    .append(" LIKE ?)");
        }
        for (String id : keyIdsInUse()) {
            if (id.equals(keys.currentId())) {
                continue;
            }
            Object[] params = new Object[1 + SealedColumn.ALL.size()];
            params[0] = id;
            java.util.Arrays.fill(params, 1, params.length, KeyRing.likeKey(id));
            if (sql.withConnection(c -> Sql.update(c, unused.toString(), params)) > 0) {
                LOG.info("master key id {} seals nothing any more: a start no longer needs it", id);
            }
        }
    }
}
