package dev.meridian.store.repo;

import dev.meridian.store.crypto.KeyRing;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The master key ids that may have values under them in this database ({@code master_key_use}, V15). An id is
 * recorded in the same transaction as any envelope sealed under it, so no envelope exists without its id here.
 */
final class KeyUse {
    private KeyUse() {}

    /** Records the ring's current key id, inside the caller's transaction, when it seals; nothing otherwise. */
    static void record(Connection c, KeyRing keys, Clock clock) throws SQLException {
        if (keys.enabled()) {
            Sql.update(
                    c,
                    "INSERT INTO master_key_use (key_id, first_used_at) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING",
                    keys.currentId(),
                    clock.millis());
        }
    }

    static List<String> ids(Sql sql) {
        return sql.query("SELECT key_id FROM master_key_use ORDER BY first_used_at, key_id", rs -> rs.getString(1));
    }
}
