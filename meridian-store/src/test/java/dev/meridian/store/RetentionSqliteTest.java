package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class RetentionSqliteTest extends RetentionContract {
    RetentionSqliteTest() {
        super(new SqliteBackend());
    }

    /** SQLite has no partitions: the purge's rows are found through the tenant index, never a table scan. */
    @Test
    void thePurgesPlan_usesTheTenantIndex() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT request_id, ts FROM request_log"
                        + " WHERE tenant_id = 'ten_x' AND ts < 1000 ORDER BY ts LIMIT 100")) {
            while (rs.next()) {
                plan.append(rs.getString("detail")).append('\n');
            }
        }

        assertThat(plan.toString())
                .contains("USING COVERING INDEX request_log_tenant_ts")
                .doesNotContain("SCAN request_log\n");
    }
}
