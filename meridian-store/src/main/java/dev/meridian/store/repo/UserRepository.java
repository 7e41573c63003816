package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.Role;
import dev.meridian.store.model.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Users of tenants and platform super-admins. Emails are stored lower-case and are unique within a tenant (and among
 * the platform's super-admins): the same person may belong to several tenants, and no tenant can learn which emails
 * another holds by trying to add them.
 */
public final class UserRepository {
    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE = 500;

    private static final String COLUMNS = "id, tenant_id, team_id, email, name, role, super_admin, created_at";

    private final Sql sql;
    private final Clock clock;

    public UserRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Creates a user of a tenant.
     *
     * @param teamId a team of the same tenant, or null
     * @throws DuplicateException when the tenant has a user with that email
     * @throws IllegalArgumentException when the team belongs to another tenant
     */
    public User create(String tenantId, String teamId, String email, String name, Role role) {
        return insert(new User(
                Ids.next("usr_"),
                requireNonNull(tenantId, "tenantId"),
                teamId,
                normalize(email),
                name,
                role,
                false,
                Sql.millis(clock.instant())));
    }

    /** Creates a platform super-admin: no tenant, role {@link Role#ADMIN}, may act on every tenant. */
    public User createSuperAdmin(String email, String name) {
        return insert(new User(
                Ids.next("usr_"), null, null, normalize(email), name, Role.ADMIN, true, Sql.millis(clock.instant())));
    }

    private User insert(User user) {
        sql.inTransaction(c -> {
            TeamRepository.checkBelongs(c, user.teamId(), user.tenantId());
            Sql.update(
                    c,
                    "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    user.id(),
                    user.tenantId(),
                    user.teamId(),
                    user.email(),
                    user.name(),
                    user.role(),
                    user.superAdmin(),
                    user.createdAt());
            ChangeVersion.bump(c);
            return null;
        });
        return user;
    }

    public Optional<User> get(String id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, id);
    }

    /**
     * Looks a user of one tenant up by email, ignoring case.
     *
     * @param tenantId the tenant, or null for the platform's super-admins
     */
    public Optional<User> findByEmail(String tenantId, String email) {
        return tenantId == null
                ? sql.queryOne(
                        "SELECT " + COLUMNS + " FROM users WHERE tenant_id IS NULL AND email = ?",
                        UserRepository::map,
                        normalize(email))
                : sql.queryOne(
                        "SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? AND email = ?",
                        UserRepository::map,
                        tenantId,
                        normalize(email));
    }

    /**
     * One page of the tenant's users in email order.
     *
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @param limit  1 to {@value #MAX_PAGE}
     * @throws IllegalArgumentException for a cursor this method did not issue
     */
    public Page<User> list(String tenantId, String cursor, int limit) {
        Cursors.checkLimit(limit, MAX_PAGE);
        Where where = new Where()
                .and("tenant_id = ?", requireNonNull(tenantId, "tenantId"))
                .andIf(cursor == null ? null : Cursors.decode(cursor).id(), "email > ?");
        List<User> rows = sql.query(
                "SELECT " + COLUMNS + " FROM users" + where.sql() + " ORDER BY email LIMIT ?",
                UserRepository::map,
                where.params(limit + 1));
        return Cursors.page(rows, limit, u -> Cursors.encode(u.email()));
    }

    /**
     * Writes the changeable fields of {@code user}: role, team and name.
     *
     * @return the stored user after the update
     * @throws NoSuchElementException when no user has that id
     * @throws IllegalArgumentException when the team belongs to another tenant
     */
    public User update(User user) {
        requireNonNull(user, "user");
        return sql.inTransaction(c -> {
            User stored =
                    Sql.query(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, user.id())
                            .stream()
                            .findFirst()
                            .orElseThrow(() -> new NoSuchElementException("no user " + user.id()));
            // Check the team against the stored tenant: the tenant is not changeable through this method.
            TeamRepository.checkBelongs(c, user.teamId(), stored.tenantId());
            Sql.update(
                    c,
                    "UPDATE users SET role = ?, team_id = ?, name = ? WHERE id = ?",
                    user.role(),
                    user.teamId(),
                    user.name(),
                    user.id());
            ChangeVersion.bump(c);
            return Sql.query(c, "SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, user.id())
                    .get(0);
        });
    }

    /**
     * Deletes a user and revokes the keys they own, in one transaction.
     *
     * @return whether a user was deleted
     */
    public boolean delete(String id) {
        Instant now = Sql.millis(clock.instant());
        return sql.inTransaction(c -> ApiKeyRepository.deleteOwner(c, "users", "user_id", id, now));
    }

    private static String normalize(String email) {
        return requireNonNull(email, "email").trim().toLowerCase(Locale.ROOT);
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(
                rs.getString("id"),
                rs.getString("tenant_id"),
                rs.getString("team_id"),
                rs.getString("email"),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("super_admin"),
                Sql.instant(rs, "created_at"));
    }
}
