package dev.meridian.store.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.Database;
import dev.meridian.store.PostgresBackend;
import dev.meridian.store.model.Subject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's plan for an erasure's batch by user (schema version 21): every partition is read through its share of
 * the partial index {@code request_log_tenant_user_ts}, never scanned. Sequential scans are priced out so the plan
 * shows what the index can serve, whatever the (tiny) table's statistics.
 */
class ErasurePlanPostgresIT {

    private final PostgresBackend backend = new PostgresBackend();
    private final Database db = Database.open(backend.newDatabase());

    @AfterEach
    void close() {
        db.close();
        backend.close();
    }

    @Test
    void erasureOfAUser_readsTheUserIndexOfEveryPartition() throws SQLException {
        String sql = ErasureRepository.batchOf(Subject.Type.USER)
                .replaceFirst("\\?", "'ten_a'")
                .replaceFirst("\\?", "'usr_a'")
                .replaceFirst("\\?", "0")
                .replaceFirst("\\?", "1800000000000")
                .replaceFirst("\\?", "500");
        String plan;
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            StringBuilder lines = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    lines.append(rs.getString(1)).append('\n');
                }
            }
            plan = lines.toString();
        }

        assertThat(plan).as(plan).doesNotContain("Seq Scan").contains("user_id");
        assertThat(plan.lines().filter(l -> l.contains("Index Scan") || l.contains("Index Only Scan")))
                .as(plan)
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("user_id_ts"));
    }
}
