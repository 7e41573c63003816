package dev.meridian.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Times a read on SQLite (warm, median and slowest of 11) and shows its plan, for the SQLite read check. */
final class SqliteReadTimer {

    private SqliteReadTimer() {}

    static RequestLogSqliteReads.Read time(
            String schema, DataSource ds, String tenant, String name, Supplier<?> read, String sql, Object... params)
            throws SQLException {
        ReadTimes times = ReadTimes.of(read);
        return new RequestLogSqliteReads.Read(
                schema, tenant, name, times.medianMs(), times.maxMs(), plan(ds, sql, params));
    }

    /** EXPLAIN QUERY PLAN's steps, joined. */
    static String plan(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> steps = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString("detail"));
                }
            }
            return String.join("; ", steps);
        }
    }

    static String indexes(DataSource ds) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'request_log'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return String.join(", ", names);
    }
}
