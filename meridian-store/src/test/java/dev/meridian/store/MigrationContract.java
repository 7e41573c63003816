package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.repo.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema migration on an empty database, re-opening, and refusal of a schema newer than the code. */
public abstract class MigrationContract extends StoreContract {
    private static final List<String> TABLES = List.of(
            "tenants", "teams", "users", "api_keys", "store_change", "audit_log", "request_log", "request_body");

    protected MigrationContract(TestBackend backend) {
        super(backend);
    }

    @Test
    void open_emptyDatabase_appliesEveryMigration() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        try (Database fresh = Database.open(config, clock);
                Connection c = fresh.dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rs.next()).as(table).isTrue();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = "
                    + (fresh.dialect() == Dialect.POSTGRESQL ? "true" : "1") + " ORDER BY installed_rank")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1");
            }
            assertThat(fresh.apiKeys().changeVersion()).isZero();
        }
    }

    @Test
    void open_migratedDatabase_isANoOp() {
        DatabaseConfig config = backend.newDatabase();
        Database.open(config, clock).close();
        try (Database again = Database.open(config, clock)) {
            assertThat(again.tenants().list(null, 10).items()).isEmpty();
        }
    }

    @Test
    void open_schemaNewerThanCode_refusesNamingBothVersions() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        try (Database first = Database.open(config, clock);
                Connection c = first.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO flyway_schema_history (installed_rank, version, "
                                + "description, type, script, checksum, installed_by, execution_time, success) "
                                + "VALUES (99, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 0, ?)")) {
            ps.setBoolean(1, true);
            ps.executeUpdate();
        }

        assertThatThrownBy(() -> Database.open(config, clock))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("Database schema version 999 is newer than the newest migration")
                .hasMessageContaining("(version 1)")
                .satisfies(e -> {
                    assertThat(((SchemaTooNewException) e).databaseVersion()).isEqualTo("999");
                    assertThat(((SchemaTooNewException) e).codeVersion()).isEqualTo("1");
                });
    }
}
