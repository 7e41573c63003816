package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.KeyKind;
import dev.meridian.store.model.KeyStatus;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.RateLimits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Virtual API keys: creation with a one-time secret, lookup by secret hash, rotation with a grace period, revocation,
 * and the change counter replicas poll to invalidate their key caches. See {@link ApiKeySecrets} for the hashing.
 */
public final class ApiKeyRepository {
    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE = 500;

    private static final String COLUMNS = "id, tenant_id, team_id, user_id, name, prefix, secret_hash, "
            + "previous_secret_hash, previous_valid_until, expires_at, allowed_models, metadata, kind, status, created_at, "
            + "revoked_at, rpm_limit, tpm_limit";

    /**
     * A key as just created or rotated, with its secret. The secret exists only here: show it to the user once and
     * drop it. {@link #toString()} leaves it out so it cannot reach a log by accident.
     */
    public record Created(ApiKey key, String secret) {
        public Created {
            requireNonNull(key, "key");
            requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Created[key=" + key + ", secret=" + key.prefix() + "...]";
        }
    }

    private final Sql sql;
    private final Clock clock;

    public ApiKeyRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Creates a key and its secret.
     *
     * @throws IllegalArgumentException when the team or user belongs to another tenant
     * @throws StoreException when the tenant, team or user does not exist
     */
    public Created create(NewApiKey spec) {
        requireNonNull(spec, "spec");
        String secret = ApiKeySecrets.generate();
        ApiKey key = new ApiKey(
                Ids.next("key_"),
                spec.tenantId(),
                spec.teamId(),
                spec.userId(),
                spec.name(),
                ApiKeySecrets.prefix(secret),
                ApiKeySecrets.hash(secret),
                null,
                null,
                Sql.millis(spec.expiresAt()),
                spec.allowedModels(),
                spec.rateLimits(),
                spec.metadata(),
                spec.kind(),
                KeyStatus.ACTIVE,
                now(),
                null);
        sql.inTransaction(c -> {
            TeamRepository.checkBelongs(c, key.teamId(), key.tenantId());
            checkUserBelongs(c, key.userId(), key.tenantId());
            Sql.update(
                    c,
                    "INSERT INTO api_keys (" + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    key.id(),
                    key.tenantId(),
                    key.teamId(),
                    key.userId(),
                    key.name(),
                    key.prefix(),
                    key.secretHash(),
                    key.previousSecretHash(),
                    key.previousValidUntil(),
                    key.expiresAt(),
                    Json.write(key.allowedModels()),
                    Json.write(key.metadata()),
                    key.kind(),
                    key.status(),
                    key.createdAt(),
                    key.revokedAt(),
                    key.rateLimits().requestsPerMinute(),
                    key.rateLimits().tokensPerMinute());
            ChangeVersion.bump(c);
            return null;
        });
        return new Created(key, secret);
    }

    /**
     * The active key whose current secret hashes to {@code secretHash}, or whose previous secret does while its grace
     * period lasts. Revoked keys and previous secrets past their grace are never returned.
     *
     * <p>An <em>expired</em> key is returned, with its {@code expiresAt}: the caller tells "expired" from "unknown" in
     * its error, and must check {@link ApiKey#acceptsAt} anyway for keys it serves from a cache.
     */
    public Optional<ApiKey> findBySecretHash(String secretHash) {
        requireNonNull(secretHash, "secretHash");
        return sql.queryOne(
                "SELECT " + COLUMNS + " FROM api_keys WHERE status = 'ACTIVE' AND (secret_hash = ? "
                        + "OR (previous_secret_hash = ? AND previous_valid_until > ?))",
                ApiKeyRepository::map,
                secretHash,
                secretHash,
                now());
    }

    public Optional<ApiKey> get(String id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeyRepository::map, id);
    }

    /**
     * One page of a tenant's keys, revoked ones included, newest first.
     *
     * @param teamId only this team's keys, or null for all
     * @param userId only this user's keys, or null for all
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @param limit  1 to {@value #MAX_PAGE}
     * @throws IllegalArgumentException for a cursor this method did not issue
     */
    public Page<ApiKey> list(String tenantId, String teamId, String userId, String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_PAGE);
        Where where = new Where()
                .and("tenant_id = ?", requireNonNull(tenantId, "tenantId"))
                .andIf(teamId, "team_id = ?")
                .andIf(userId, "user_id = ?");
        if (cursor != null) {
            Cursors.Position after = Cursors.decode(cursor);
            where.and("(created_at < ? OR (created_at = ? AND id < ?))", after.time(), after.time(), after.id());
        }
        List<ApiKey> rows = sql.query(
                "SELECT " + COLUMNS + " FROM api_keys" + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT ?",
                ApiKeyRepository::map,
                where.params(limit + 1));
        return Cursors.page(rows, limit, k -> Cursors.encode(k.createdAt().toEpochMilli(), k.id()));
    }

    /**
     * Gives an active key a new secret. The old secret keeps working until now + {@code grace}, so deployed clients can
     * switch over; a secret replaced by an earlier rotation stops working at once.
     *
     * @param grace zero for an immediate switch; never negative
     * @return the key with its new secret, or empty when no active key has that id
     */
    public Optional<Created> rotate(String id, Duration grace) {
        requireNonNull(id, "id");
        if (requireNonNull(grace, "grace").isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        String secret = ApiKeySecrets.generate();
        Instant validUntil = now().plus(grace);
        return sql.inTransaction(c -> {
            int n = Sql.update(
                    c,
                    "UPDATE api_keys SET previous_secret_hash = secret_hash, previous_valid_until = ?, "
                            + "secret_hash = ?, prefix = ? WHERE id = ? AND status = 'ACTIVE'",
                    validUntil,
                    ApiKeySecrets.hash(secret),
                    ApiKeySecrets.prefix(secret),
                    id);
            if (n == 0) {
                return Optional.empty();
            }
            ChangeVersion.bump(c);
            ApiKey key = Sql.query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeyRepository::map, id)
                    .get(0);
            return Optional.of(new Created(key, secret));
        });
    }

    /**
     * Sets a key's own request and token rates, revoked keys included (it changes nothing they may do).
     *
     * @return the key after the change, or empty when no key has that id
     */
    public Optional<ApiKey> setRateLimits(String id, RateLimits limits) {
        requireNonNull(id, "id");
        requireNonNull(limits, "limits");
        return sql.inTransaction(c -> {
            int n = Sql.update(
                    c,
                    "UPDATE api_keys SET rpm_limit = ?, tpm_limit = ? WHERE id = ?",
                    limits.requestsPerMinute(),
                    limits.tokensPerMinute(),
                    id);
            if (n == 0) {
                return Optional.empty();
            }
            ChangeVersion.bump(c);
            return Optional.of(
                    Sql.query(c, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeyRepository::map, id)
                            .get(0));
        });
    }

    /**
     * Revokes a key for good; neither its current nor its previous secret works afterwards.
     *
     * @return whether an active key was revoked
     */
    public boolean revoke(String id) {
        return sql.inTransaction(c -> {
            boolean revoked = Sql.update(
                            c,
                            "UPDATE api_keys SET status = 'REVOKED', revoked_at = ? "
                                    + "WHERE id = ? AND status = 'ACTIVE'",
                            now(),
                            id)
                    > 0;
            if (revoked) {
                ChangeVersion.bump(c);
            }
            return revoked;
        });
    }

    /**
     * Whether a platform admin token (an {@link KeyKind#ADMIN_TOKEN} without a tenant) was ever created, revoked ones
     * included, so the first super-admin token is issued once per database.
     */
    public boolean platformTokenExists() {
        return sql.queryOne(
                        "SELECT 1 FROM api_keys WHERE tenant_id IS NULL AND kind = ? LIMIT 1",
                        rs -> true,
                        KeyKind.ADMIN_TOKEN)
                .isPresent();
    }

    /**
     * The store's change counter. It grows with every committed change to keys, users or tenants, and never
     * otherwise; replicas poll it (one primary-key read) and drop their cached keys and principals when it moves.
     */
    public long changeVersion() {
        return ChangeVersion.read(sql);
    }

    /**
     * Deletes the {@code table} row {@code id} (a team or a user) inside the caller's transaction, first revoking the
     * active keys it owns: such keys were issued for that owner and must not silently become tenant-wide keys.
     *
     * @return whether the row existed
     */
    static boolean deleteOwner(Connection c, String table, String ownerColumn, String id, Instant now)
            throws SQLException {
        Sql.update(
                c,
                "UPDATE api_keys SET status = 'REVOKED', revoked_at = ? WHERE " + ownerColumn
                        + " = ? AND status = 'ACTIVE'",
                now,
                id);
        boolean deleted = Sql.update(c, "DELETE FROM " + table + " WHERE id = ?", id) > 0;
        if (deleted) {
            ChangeVersion.bump(c);
        }
        return deleted;
    }

    private static void checkUserBelongs(Connection c, String userId, String tenantId) throws SQLException {
        if (userId != null
                && Sql.query(c, "SELECT 1 FROM users WHERE id = ? AND tenant_id = ?", rs -> 1, userId, tenantId)
                        .isEmpty()) {
            throw new IllegalArgumentException("user " + userId + " is not a user of tenant " + tenantId);
        }
    }

    private Instant now() {
        return Sql.millis(clock.instant());
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("team_id"),
                rs.getString("user_id"),
                rs.getString("name"),
                rs.getString("prefix"),
                rs.getString("secret_hash"),
                rs.getString("previous_secret_hash"),
                Sql.instant(rs, "previous_valid_until"),
                Sql.instant(rs, "expires_at"),
                Json.list(rs.getString("allowed_models")),
                new RateLimits(Sql.nullableLong(rs, "rpm_limit"), Sql.nullableLong(rs, "tpm_limit")),
                Json.map(rs.getString("metadata")),
                KeyKind.valueOf(rs.getString("kind")),
                KeyStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "revoked_at"));
    }
}
