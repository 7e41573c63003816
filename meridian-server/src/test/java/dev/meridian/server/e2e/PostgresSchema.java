package dev.meridian.server.e2e;

import dev.meridian.testkit.SecretScan;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh schema in the PostgreSQL every test machine runs at 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}, trust auth), dropped on close. Fails with a message saying what is needed when PostgreSQL is
 * not there. Before it is dropped, every row is read as text and grepped for the suite's known secrets.
 */
public final class PostgresSchema implements AutoCloseable {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    public static PostgresSchema create(String prefix) throws SQLException {
        String name =
                prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        return new PostgresSchema(name);
    }

    public static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(URL, "postgres", null);
        } catch (SQLException e) {
            throw new SQLException(
                    "PostgreSQL must run at 127.0.0.1:5432 (database test, user postgres, trust auth)"
                            + " for this test: " + e.getMessage(),
                    e);
        }
    }

    public String name() {
        return name;
    }

    /** The gateway's {@code storage:} section for this schema, reached at {@code port} (5432, or a relay's). */
    public String storageYaml(int port) {
        return """
                storage:
                  url: jdbc:postgresql://127.0.0.1:%d/test?currentSchema=%s
                  username: postgres
                """.formatted(port, name);
    }

    /** Drops the schema, after failing if any row of any of its tables holds a known secret. */
    @Override
    public void close() throws SQLException {
        List<String> leaks = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + name + "'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = s.executeQuery("SELECT t::text FROM " + name + ".\"" + table + "\" t")) {
                    while (rows.next()) {
                        leaks.addAll(SecretScan.findIn(name + "." + table, rows.getString(1)));
                    }
                }
            }
            s.execute("DROP SCHEMA " + name + " CASCADE");
        }
        SecretScan.assertNone(leaks);
    }
}
