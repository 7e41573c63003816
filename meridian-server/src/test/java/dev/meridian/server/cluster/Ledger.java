package dev.meridian.server.cluster;

import dev.meridian.server.e2e.PostgresSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The cluster's accounting as PostgreSQL holds it: the shared {@code request_log}. */
public final class Ledger {

    /** A caller key's rows answered 200, and their summed cost in US dollars, to the nano-dollar. */
    public record Totals(long calls, BigDecimal costUsd) {}

    private final String schema;

    public Ledger(String schema) {
        this.schema = schema;
    }

    public Totals served(String keyId) {
        try (Connection c = PostgresSchema.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*), coalesce(sum(cost_usd), 0) FROM " + schema
                        + ".request_log WHERE key_id = ? AND status = 200")) {
            s.setString(1, keyId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                // cost_usd is a double: the sum is exact once rounded to nano-dollars, the limits' unit.
                return new Totals(
                        r.getLong(1),
                        r.getBigDecimal(2).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros());
            }
        } catch (SQLException e) {
            throw new AssertionError("the request log could not be read: " + e, e);
        }
    }

    /** How many rows each of these gateway request ids has (ids with none are absent). */
    public Map<String, Integer> rowsPerRequestId(Collection<String> requestIds) {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = PostgresSchema.connect();
                PreparedStatement s = c.prepareStatement("SELECT request_id, count(*) FROM " + schema
                        + ".request_log WHERE request_id = ANY (?) GROUP BY request_id")) {
            Array ids = c.createArrayOf("text", requestIds.toArray());
            s.setArray(1, ids);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1), r.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("the request log could not be read: " + e, e);
        }
        return rows;
    }

    /**
     * The newest migration applied to the cluster's schema; 0 before the first replica has begun migrating (the
     * replicas open their database beside their start, after they are ready).
     */
    public int schemaVersion() {
        try (Connection c = PostgresSchema.connect();
                PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, schema + ".flyway_schema_history");
            try (ResultSet r = exists.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                    return 0;
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(CAST(version AS integer)), 0) FROM "
                            + schema + ".flyway_schema_history WHERE success AND version IS NOT NULL");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("the schema history could not be read: " + e, e);
        }
    }
}
