package dev.meridian.store.repo;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The single-row counter that changes to keys, users and tenant state bump. Replicas poll it to drop cached keys and
 * principals within seconds of a change anywhere in the cluster, at the cost of one primary-key read per poll.
 */
final class ChangeVersion {
    private ChangeVersion() {}

    /** Bumps the counter inside the caller's transaction, so it moves exactly when the change commits. */
    static void bump(Connection c) throws SQLException {
        Sql.update(c, "UPDATE store_change SET version = version + 1 WHERE id = 1");
    }

    static long read(Sql sql) {
        return sql.queryOne("SELECT version FROM store_change WHERE id = 1", rs -> rs.getLong(1))
                .orElseThrow(() -> new IllegalStateException("store_change row missing: the schema is damaged"));
    }
}
