package dev.meridian.store.repo;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/** What a database failure means to its caller, read from the first {@link SQLException} in its causes. */
public final class SqlFailure {

    private SqlFailure() {}

    /**
     * The database refused the data itself: SQLState class 22 (data exception) or 23 (integrity constraint).
     * Trying again will fail again.
     */
    public static boolean refusedContent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || state.startsWith("23");
            }
        }
        return false;
    }

    /**
     * The database could not be reached or used just now: locked past the busy timeout, refusing connections, or
     * the pool out of them: SQLState classes 08 (connection), 53 (resources) and 57 (operator intervention),
     * SQLite's BUSY and LOCKED, and the pool's transient timeout. Trying again later may succeed.
     */
    public static boolean unavailable(Throwable failure) {
        SQLException sql = first(failure);
        if (sql == null) {
            return false;
        }
        if (sql instanceof SQLTransientException) {
            return true;
        }
        String state = sql.getSQLState();
        if (state == null) { // SQLite's driver gives its result code instead: 5 BUSY, 6 LOCKED
            int primary = sql.getErrorCode() & 0xff;
            return primary == 5 || primary == 6;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
    }

    private static SQLException first(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
