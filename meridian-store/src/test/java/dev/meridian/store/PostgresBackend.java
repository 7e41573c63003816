package dev.meridian.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fresh schemas in the PostgreSQL test database, dropped on close. The server is
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres} (trust auth) unless
 * {@code MERIDIAN_TEST_PG_URL}, {@code MERIDIAN_TEST_PG_USER} and {@code MERIDIAN_TEST_PG_PASSWORD} say otherwise.
 *
 * <p>When the server cannot be reached the tests fail, never skip: a skipped database suite would let a change that
 * breaks PostgreSQL pass unnoticed.
 */
public final class PostgresBackend implements TestBackend {
    private static final String URL = env("MERIDIAN_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("MERIDIAN_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("MERIDIAN_TEST_PG_PASSWORD", null);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> schemas = new ArrayList<>();

    @Override
    public DatabaseConfig newDatabase() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        String schema = "t_" + HexFormat.of().formatHex(bytes);
        execute("CREATE SCHEMA " + schema);
        schemas.add(schema);
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new DatabaseConfig(url, USER, PASSWORD, 4);
    }

    @Override
    public void close() {
        for (String schema : schemas) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
        schemas.clear();
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(
                    "The PostgreSQL contract tests need PostgreSQL at " + URL + " (user " + USER
                            + ", trust auth) and could not run '" + sql + "' (" + e.getMessage()
                            + "). Start PostgreSQL with a "
                            + "database named test, or point MERIDIAN_TEST_PG_URL at one. These tests fail instead of skipping.",
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
