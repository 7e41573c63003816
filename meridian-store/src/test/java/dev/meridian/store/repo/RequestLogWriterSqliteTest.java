package dev.meridian.store.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.Database;
import dev.meridian.store.SqliteBackend;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
