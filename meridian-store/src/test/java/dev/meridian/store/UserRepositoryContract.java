package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.KeyStatus;
import dev.meridian.store.model.NewApiKey;
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
        assertThat(db.users().findByEmail(local.toUpperCase() + "@example.com")).contains(user);
        assertThat(db.users().list(tenant.id())).containsExactly(user);
    }

    @Test
    void create_takenEmail_throwsDuplicate() {
        Tenant tenant = newTenant();
        String email = unique("dup") + "@example.com";
        db.users().create(tenant.id(), null, email, "A", Role.ADMIN);
        assertThatThrownBy(() -> db.users().create(newTenant().id(), null, email, "B", Role.ADMIN))
                .isInstanceOf(DuplicateException.class);
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
