package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.model.SavedResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Responses stored by the Responses API, per owner (a tenant, or a configured key). A response is found only by its
 * owner and only until it expires; expired rows are deleted by {@link #deleteExpired}. Every method blocks on JDBC.
 */
public final class ResponseRepository {

    private static final String COLUMNS = "owner, id, key_id, model, created_at, expires_at, response, items";

    private final Sql sql;
    private final KeyRing keys;
    private final Clock clock;

    public ResponseRepository(DataSource dataSource, Dialect dialect) {
        this(dataSource, dialect, KeyRing.none(), Clock.systemUTC());
    }

    /** The response and its items are sealed under {@code keys}' current master key when it has one. */
    public ResponseRepository(DataSource dataSource, Dialect dialect, KeyRing keys, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.keys = requireNonNull(keys, "keys");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Stores {@code saved}. Storing an id its owner has already is a no-op (a replayed write).
     *
     * @return whether a row was written
     */
    public boolean save(SavedResponse saved) {
        requireNonNull(saved, "saved");
        String response = keys.seal(saved.response(), SealedColumn.RESPONSE.where(saved.owner(), saved.id()));
        String items = keys.seal(saved.items(), SealedColumn.ITEMS.where(saved.owner(), saved.id()));
        return sql.inTransaction(c -> {
            int written = Sql.update(
                    c,
                    "INSERT INTO responses (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (owner, id) DO NOTHING",
                    saved.owner(),
                    saved.id(),
                    saved.keyId(),
                    saved.model(),
                    Sql.millis(saved.createdAt()),
                    Sql.millis(saved.expiresAt()),
                    response,
                    items);
            if (written == 1) {
                KeyUse.record(c, keys, clock);
            }
            return written == 1;
        });
    }

    /** The response {@code id} of {@code owner}, unless it expired by {@code now}. */
    public Optional<SavedResponse> find(String owner, String id, Instant now) {
        return sql.queryOne(
                "SELECT " + COLUMNS + " FROM responses WHERE owner = ? AND id = ? AND expires_at > ?",
                this::map,
                requireNonNull(owner, "owner"),
                requireNonNull(id, "id"),
                Sql.millis(now));
    }

    /**
     * Deletes the response {@code id} of {@code owner}.
     *
     * @return whether it existed (and had not expired by {@code now})
     */
    public boolean delete(String owner, String id, Instant now) {
        return sql.withConnection(c -> Sql.update(
                        c,
                        "DELETE FROM responses WHERE owner = ? AND id = ? AND expires_at > ?",
                        requireNonNull(owner, "owner"),
                        requireNonNull(id, "id"),
                        Sql.millis(now)))
                > 0;
    }

    /** Deletes every response expired by {@code now}; returns how many. */
    public int deleteExpired(Instant now) {
        return sql.withConnection(c -> Sql.update(c, "DELETE FROM responses WHERE expires_at <= ?", Sql.millis(now)));
    }

    private SavedResponse map(ResultSet rs) throws SQLException {
        String owner = rs.getString("owner");
        String id = rs.getString("id");
        return new SavedResponse(
                owner,
                id,
                rs.getString("key_id"),
                rs.getString("model"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "expires_at"),
                keys.open(rs.getString("response"), SealedColumn.RESPONSE.where(owner, id)),
                keys.open(rs.getString("items"), SealedColumn.ITEMS.where(owner, id)));
    }
}
