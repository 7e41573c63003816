package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.repo.RequestLogPartitions;
import dev.meridian.store.repo.RequestLogPartitions.Partition;
import dev.meridian.store.repo.RetentionRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL's monthly request-log partitions (schema version 16): created ahead, dropped whole, pruned by purges. */
class RequestLogPartitionsPostgresIT extends StoreContract {
    private RequestLogPartitions partitions;
    private RetentionRepository retention;

    RequestLogPartitionsPostgresIT() {
        super(new PostgresBackend());
    }

    @BeforeAll
    void repositories() {
        partitions = new RequestLogPartitions(db.dataSource(), db.dialect());
        retention = new RetentionRepository(db.dataSource(), db.dialect());
    }

    private static RequestRecord at(String tenant, String ts) {
        return RetentionContract.record(tenant, Instant.parse(ts), "key_a", "usr_a", "prompt");
    }

    private List<String> months() {
        return partitions.list().stream().map(p -> p.month().toString()).toList();
    }

    @Test
    void createAhead_createsTheMonthAndTheNextOnes_andMovesRowsWaitingInTheDefaultPartition() throws SQLException {
        String t = newTenant().id();
        RequestRecord early = at(t, "2025-05-10T00:00:00Z"); // no partition yet: lands in the default one
        db.requestLog().insertBatch(List.of(early));
        assertThat(partitionOf(early)).isEqualTo("request_log_default");

        List<Partition> created = partitions.createAhead(Instant.parse("2025-05-31T23:59:59Z"), 2);

        assertThat(created).extracting(p -> p.month().toString()).containsExactly("2025-05", "2025-06", "2025-07");
        assertThat(months()).contains("2025-05", "2025-06", "2025-07");
        assertThat(partitionOf(early)).isEqualTo("request_log_p202505");
        assertThat(db.requestLog().get(t, early.requestId()).orElseThrow().prompt())
                .isEqualTo("prompt");
        assertThat(partitions.createAhead(Instant.parse("2025-05-31T23:59:59Z"), 2))
                .isEmpty();
    }

    /** Every replica runs the retention job on its own: they meet at the month's turn. */
    @Test
    void replicasCreatingAndDroppingTheSamePartitionsAtOnce_allSucceed_andEachMonthIsMadeOnce() throws Exception {
        Instant now = Instant.parse("2023-04-15T00:00:00Z");
        int replicas = 6;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(replicas);
        List<java.util.concurrent.Future<List<Partition>>> runs = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(replicas);
        try {
            for (int i = 0; i < replicas; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return partitions.createAhead(now, 2);
                }));
            }
            List<String> made = new ArrayList<>();
            for (var run : runs) {
                run.get().forEach(p -> made.add(p.month().toString()));
            }
            assertThat(made).containsExactlyInAnyOrder("2023-04", "2023-05", "2023-06");

            List<java.util.concurrent.Future<List<RequestLogPartitions.Dropped>>> drops = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                drops.add(pool.submit(() -> {
                    start.await();
                    return partitions.dropOlderThan(Instant.parse("2023-07-01T00:00:00Z"));
                }));
            }
            List<String> gone = new ArrayList<>();
            for (var drop : drops) {
                drop.get().forEach(d -> gone.add(d.partition().month().toString()));
            }
            assertThat(gone).containsExactlyInAnyOrder("2023-04", "2023-05", "2023-06");
            assertThat(months()).doesNotContain("2023-04", "2023-05", "2023-06");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dropOlderThan_dropsWholeMonthsBeforeTheCutoff_withTheirBodies_andKeepsNewerOnes() throws SQLException {
        String t = newTenant().id();
        partitions.createAhead(Instant.parse("2024-01-15T00:00:00Z"), 2);
        RequestRecord jan = at(t, "2024-01-20T00:00:00Z");
        RequestRecord feb = at(t, "2024-02-20T00:00:00Z");
        RequestRecord mar = at(t, "2024-03-02T00:00:00Z");
        db.requestLog().insertBatch(List.of(jan, feb, mar));

        List<RequestLogPartitions.Dropped> dropped = partitions.dropOlderThan(Instant.parse("2024-03-01T00:00:00Z"));

        assertThat(dropped)
                .extracting(d -> d.partition().month())
                .containsExactly(YearMonth.of(2024, 1), YearMonth.of(2024, 2));
        assertThat(dropped).extracting(RequestLogPartitions.Dropped::rows).containsExactly(1L, 1L);
        assertThat(months()).doesNotContain("2024-01", "2024-02").contains("2024-03");
        assertThat(db.requestLog().get(t, jan.requestId())).isEmpty();
        assertThat(db.requestLog().get(t, mar.requestId())).isPresent();
        assertThat(count("SELECT COUNT(*) FROM request_body WHERE request_id IN (?, ?)", jan, feb))
                .isZero();
    }

    @Test
    void thePurgesPlan_readsNoPartitionNewerThanTheCutoff() throws SQLException {
        String t = newTenant().id();
        partitions.createAhead(Instant.parse("2023-01-01T00:00:00Z"), 5);
        List<RequestRecord> rows = new ArrayList<>();
        for (int m = 1; m <= 6; m++) {
            rows.add(at(t, "2023-0" + m + "-10T00:00:00Z"));
        }
        db.requestLog().insertBatch(rows);
        Instant cutoff = Instant.parse("2023-03-01T00:00:00Z");

        String plan = explain(
                "SELECT request_id, ts FROM request_log WHERE tenant_id = ? AND ts < ? ORDER BY ts LIMIT 100",
                t,
                cutoff.toEpochMilli());

        assertThat(plan).contains("request_log_p202301", "request_log_p202302");
        assertThat(plan).doesNotContain("request_log_p202303", "request_log_p202304", "request_log_p202306");
        assertThat(retention.purgeRows(t, cutoff, 100)).isEqualTo(2);
        assertThat(db.requestLog().count(t)).isEqualTo(4);
    }

    @Test
    void aReplayedRecordIsStillCountedOnce_onThePartitionedTable() {
        String t = newTenant().id();
        List<RequestRecord> batch = List.of(at(t, "2026-03-01T10:00:00Z"), at(t, "2026-03-01T10:00:01Z"));

        assertThat(db.requestLog().insertBatch(batch)).isEqualTo(2);
        assertThat(db.requestLog().insertBatch(batch)).isZero();
        assertThat(db.requestLog().count(t)).isEqualTo(2);
    }

    private String partitionOf(RequestRecord r) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT tableoid::regclass::text FROM request_log WHERE request_id = ?")) {
            ps.setString(1, r.requestId());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private long count(String sql, RequestRecord a, RequestRecord b) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a.requestId());
            ps.setString(2, b.requestId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String explain(String sql, String tenant, long cutoff) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN "
                        + sql.replaceFirst("\\?", "'" + tenant + "'").replaceFirst("\\?", Long.toString(cutoff)))) {
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
