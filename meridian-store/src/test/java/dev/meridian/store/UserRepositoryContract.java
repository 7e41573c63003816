package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.KeyStatus;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.Role;
import dev.meridian.store.model.Team;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.User;
import dev.meridian.store.repo.DuplicateException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The user repository's contract, run against every backend. */
public abstract class UserRepositoryContract extends StoreContract {
    protected UserRepositoryContract(TestBackend backend) {
        super(backend);
    }

    @Test
    void create_thenGetAndFindByEmailIgnoringCase() {
        Tenant tenant = newTenant();
        String local = unique("Ada");
        User user = db.users().create(tenant.id(), null, local + "@Example.COM", "Ada", Role.VIEWER);

        assertThat(user.id()).matches("usr_[0-9a-f]{16}");
        assertThat(user.email()).isEqualTo(local.toLowerCase() + "@example.com");
        assertThat(db.users().get(user.id())).contains(user);
        assertThat(db.users().findByEmail(tenant.id(), local.toUpperCase() + "@example.com"))
                .contains(user);
        assertThat(db.users().findByEmail(newTenant().id(), local + "@example.com"))
                .isEmpty();
        assertThat(db.users().list(tenant.id(), null, 10).items()).containsExactly(user);
    }

    @Test
    void create_emailTakenInTheTenant_throwsDuplicate() {
        Tenant tenant = newTenant();
        String email = unique("dup") + "@example.com";
        db.users().create(tenant.id(), null, email, "A", Role.ADMIN);
        assertThatThrownBy(() -> db.users().create(tenant.id(), null, email.toUpperCase(), "B", Role.ADMIN))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void create_emailOfAnotherTenant_isAnotherUser() {
        String email = unique("shared") + "@example.com";
        User first = db.users().create(newTenant().id(), null, email, "A", Role.ADMIN);
        User second = db.users().create(newTenant().id(), null, email, "B", Role.VIEWER);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(db.users().findByEmail(second.tenantId(), email)).contains(second);
    }

    @Test
    void createSuperAdmin_takenEmail_throwsDuplicate() {
        String email = unique("root") + "@meridian.dev";
        db.users().createSuperAdmin(email, "Root");
        assertThatThrownBy(() -> db.users().createSuperAdmin(email, "Again")).isInstanceOf(DuplicateException.class);
    }

    @Test
    void list_pagesInEmailOrder() {
        Tenant tenant = newTenant();
        for (String name : new String[] {"c", "a", "e", "b", "d"}) {
            db.users().create(tenant.id(), null, name + "@example.com", name, Role.VIEWER);
        }
        Page<User> first = db.users().list(tenant.id(), null, 2);
        Page<User> second = db.users().list(tenant.id(), first.nextCursor(), 2);
        Page<User> last = db.users().list(tenant.id(), second.nextCursor(), 2);
        assertThat(first.items()).extracting(User::name).containsExactly("a", "b");
        assertThat(second.items()).extracting(User::name).containsExactly("c", "d");
        assertThat(last.items()).extracting(User::name).containsExactly("e");
        assertThat(last.nextCursor()).isNull();
        assertThatThrownBy(() -> db.users().list(tenant.id(), "not-a-cursor", 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void create_teamOfAnotherTenant_isRejected() {
        Team foreign = db.teams().create(newTenant().id(), "theirs");
        Tenant tenant = newTenant();
        assertThatThrownBy(() -> db.users().create(tenant.id(), foreign.id(), unique("x") + "@e.com", "X", Role.VIEWER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createSuperAdmin_hasNoTenant() {
        User admin = db.users().createSuperAdmin(unique("root") + "@meridian.dev", "Root");
        assertThat(admin.tenantId()).isNull();
        assertThat(admin.superAdmin()).isTrue();
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(db.users().get(admin.id())).contains(admin);
    }

    @Test
    void update_changesRoleTeamAndName() {
        Tenant tenant = newTenant();
        Team team = db.teams().create(tenant.id(), "core");
        User user = db.users().create(tenant.id(), null, unique("u") + "@e.com", "Old", Role.VIEWER);
        long before = db.apiKeys().changeVersion();

        User updated = db.users()
                .update(user.withRole(Role.BILLING).withTeamId(team.id()).withName("New"));

        assertThat(updated)
                .isEqualTo(new User(
                        user.id(), tenant.id(), team.id(), user.email(), "New", Role.BILLING, false, user.createdAt()));
        assertThat(db.users().get(user.id())).contains(updated);
        assertThat(db.apiKeys().changeVersion()).isGreaterThan(before);
    }

    @Test
    void update_teamOfAnotherTenantOrUnknownUser_isRejected() {
        Tenant tenant = newTenant();
        User user = db.users().create(tenant.id(), null, unique("u") + "@e.com", "U", Role.VIEWER);
        Team foreign = db.teams().create(newTenant().id(), "theirs");

        assertThatThrownBy(() -> db.users().update(user.withTeamId(foreign.id())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.users()
                        .update(new User(
                                "usr_missing",
                                tenant.id(),
                                null,
                                "m@e.com",
                                "M",
                                Role.VIEWER,
                                false,
                                user.createdAt())))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void delete_revokesTheUsersKeys() {
        Tenant tenant = newTenant();
        User user = db.users().create(tenant.id(), null, unique("gone") + "@e.com", "Gone", Role.DEVELOPER);
        var key = db.apiKeys().create(NewApiKey.caller(tenant.id(), "mine").withUser(user.id()));

        assertThat(db.users().delete(user.id())).isTrue();

        assertThat(db.users().get(user.id())).isEmpty();
        assertThat(db.apiKeys().get(key.key().id()))
                .get()
                .satisfies(k -> assertThat(k.status()).isEqualTo(KeyStatus.REVOKED));
        assertThat(db.users().delete(user.id())).isFalse();
    }
}
