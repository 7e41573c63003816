package dev.meridian.store.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.Database;
import dev.meridian.store.SqliteBackend;
import dev.meridian.store.model.RequestLogQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite's plans for the request log's reads, without statistics (the gateway never runs ANALYZE): since schema
 * version 3 a tenant's page, filtered or not, walks {@code request_log_tenant_ts} in the order of the page and
 * never sorts; platform-wide reads and retention use {@code request_log_ts}.
 */
class RequestLogPlanSqliteTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    private static final String TENANT_WALK = "SEARCH request_log USING INDEX request_log_tenant_ts (tenant_id=?";

    private final SqliteBackend backend = new SqliteBackend();
    private final Database db = Database.open(backend.newDatabase());

    @AfterEach
    void close() {
        db.close();
        backend.close();
    }

    @Test
    void tenantPages_anyFilter_walkTheTenantIndexWithoutSorting() throws SQLException {
        String cursor = Cursors.encode(T.toEpochMilli(), "req_x");
        List<RequestLogQuery> pages = List.of(
                RequestLogQuery.forTenant("ten_a", 50),
                new RequestLogQuery("ten_a", null, null, "key_a", null, null, null, 50),
                new RequestLogQuery("ten_a", null, null, null, "gpt-4o", null, null, 50),
                new RequestLogQuery("ten_a", null, null, null, null, 429, null, 50),
                new RequestLogQuery("ten_a", T, T.plusSeconds(60), "key_a", "gpt-4o", 200, null, 50),
                RequestLogQuery.forTenant("ten_a", 50).withCursor(cursor));

        for (RequestLogQuery page : pages) {
            assertThat(plan(RequestLogRepository.select(page)))
                    .as("%s", page)
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith(TENANT_WALK);
        }
    }

    @Test
    void timeRangeAndCursor_boundTheWalk() throws SQLException {
        String cursor = Cursors.encode(T.toEpochMilli(), "req_x");

        assertThat(plan(RequestLogRepository.select(
                        new RequestLogQuery("ten_a", T, T.plusSeconds(60), "key_a", null, null, null, 50))))
                .containsExactly(TENANT_WALK + " AND ts>? AND ts<?)");
        assertThat(plan(RequestLogRepository.select(
                        RequestLogQuery.forTenant("ten_a", 50).withCursor(cursor))))
                .containsExactly(TENANT_WALK + " AND ts<?)");
    }

    @Test
    void platformWideReadsAndRetention_useTheTimeIndex() throws SQLException {
        assertThat(plan(RequestLogRepository.select(RequestLogQuery.forTenant(null, 50))))
                .first()
                .asString()
                .startsWith("SCAN request_log USING INDEX request_log_ts");
        assertThat(plan(new RequestLogRepository.Select(
                        "DELETE FROM request_log WHERE ts < ?", new Object[] {T.toEpochMilli()})))
                .first()
                .asString()
                .startsWith("SEARCH request_log USING COVERING INDEX request_log_ts (ts<?)");
    }

    @Test
    void count_readsOnlyTheTenantIndex() throws SQLException {
        assertThat(plan(new RequestLogRepository.Select(
                        "SELECT COUNT(*) FROM request_log WHERE tenant_id = ?", new Object[] {"ten_a"})))
                .containsExactly("SEARCH request_log USING COVERING INDEX request_log_tenant_ts (tenant_id=?)");
    }

    /** No user index on SQLite (V21 is empty here): an erasure by user walks the tenant's entries, never the table. */
    @Test
    void erasureOfAUser_walksTheTenantIndex() throws SQLException {
        assertThat(plan(new RequestLogRepository.Select(
                        ErasureRepository.batchOf(dev.meridian.store.model.Subject.Type.USER),
                        new Object[] {"ten_a", "usr_a", 0L, T.toEpochMilli(), 1000})))
                .first()
                .asString()
                .startsWith(TENANT_WALK);
    }

    private List<String> plan(RequestLogRepository.Select select) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + select.sql())) {
            Sql.bind(ps, select.params());
            List<String> steps = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString("detail"));
                }
            }
            return steps;
        }
    }
}
