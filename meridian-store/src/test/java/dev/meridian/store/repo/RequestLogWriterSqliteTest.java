package dev.meridian.store.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.Database;
import dev.meridian.store.SqliteBackend;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SQLite writer's connection settings, which trade a machine crash's last commits for CPU. */
class RequestLogWriterSqliteTest {

    private final SqliteBackend backend = new SqliteBackend();
    private final Database db = Database.open(backend.newDatabase());

    @AfterEach
    void close() {
        db.close();
        backend.close();
    }

    @Test
    void writerConnection_walWithNormalSync() throws SQLException {
        try (RequestLogWriter writer = db.requestLog().openWriter()) {
            Connection c = writer.connection();
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).isEqualTo("1");
            assertThat(pragma(c, "cache_size")).isEqualTo("-16384");
            assertThat(writer.connection()).as("kept across batches").isSameAs(c);
        }
    }

    /** The writer holds its connection between batches, but not SQLite's write lock: the admin API must write too. */
    @Test
    void betweenBatches_otherConnectionsWriteAtOnce() {
        try (RequestLogWriter writer = db.requestLog().openWriter()) {
            assertThat(writer.insertBatch(List.of(record("req_1"), record("req_2"))))
                    .isEqualTo(2);

            long start = System.nanoTime();
            Tenant created = db.tenants().create("after-a-batch", Plan.BASIC, TenantStatus.ACTIVE, null);

            assertThat(created.name()).isEqualTo("after-a-batch");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("no wait for a lock")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(writer.insertBatch(List.of(record("req_3")))).isEqualTo(1);
        }
    }

    private static RequestRecord record(String id) {
        return new RequestRecord(
                id,
                Instant.parse("2026-12-02T10:00:00Z"),
                "ten_1",
                "key_1",
                null,
                "gpt",
                "gpt-4o",
                "dep-a",
                "openai",
                null,
                200,
                null,
                10.0,
                9.0,
                1.0,
                12,
                3,
                0,
                0,
                0.0001,
                false,
                1,
                0,
                null,
                null,
                false);
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
