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
import dev.meridian.store.repo.StoreException;
import org.junit.jupiter.api.Test;

/** The team repository's contract, run against every backend. */
public abstract class TeamRepositoryContract extends StoreContract {
    protected TeamRepositoryContract(TestBackend backend) {
        super(backend);
    }

    @Test
    void create_thenGetAndList() {
        Tenant tenant = newTenant();
        Team b = db.teams().create(tenant.id(), "platform");
        Team a = db.teams().create(tenant.id(), "applied-ml");

        assertThat(a.id()).matches("team_[0-9a-f]{16}");
        assertThat(db.teams().get(a.id())).contains(a);
        assertThat(db.teams().list(tenant.id(), null, 10).items()).containsExactly(a, b);
    }

    @Test
    void list_pagesInNameOrder() {
        Tenant tenant = newTenant();
        for (String name : new String[] {"c", "a", "b"}) {
            db.teams().create(tenant.id(), name);
        }
        Page<Team> first = db.teams().list(tenant.id(), null, 2);
        assertThat(first.items()).extracting(Team::name).containsExactly("a", "b");
        Page<Team> last = db.teams().list(tenant.id(), first.nextCursor(), 2);
        assertThat(last.items()).extracting(Team::name).containsExactly("c");
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void create_nameIsUniquePerTenantOnly() {
        Tenant one = newTenant();
        Tenant other = newTenant();
        db.teams().create(one.id(), "search");

        assertThatThrownBy(() -> db.teams().create(one.id(), "search")).isInstanceOf(DuplicateException.class);
        assertThat(db.teams().create(other.id(), "search").tenantId()).isEqualTo(other.id());
        assertThat(db.teams().list(other.id(), null, 10).items())
                .extracting(Team::tenantId)
                .containsOnly(other.id());
    }

    @Test
    void create_unknownTenant_fails() {
        assertThatThrownBy(() -> db.teams().create("ten_missing", "x")).isInstanceOf(StoreException.class);
    }

    @Test
    void delete_keepsUsersWithoutTeamAndRevokesTeamKeys() {
        Tenant tenant = newTenant();
        Team team = db.teams().create(tenant.id(), "doomed");
        User user = db.users().create(tenant.id(), team.id(), unique("u") + "@example.com", "U", Role.DEVELOPER);
        var key = db.apiKeys().create(NewApiKey.caller(tenant.id(), "team key").withTeam(team.id()));
        long before = db.apiKeys().changeVersion();

        assertThat(db.teams().delete(team.id())).isTrue();

        assertThat(db.teams().get(team.id())).isEmpty();
        assertThat(db.users().get(user.id())).get().extracting(User::teamId).isNull();
        assertThat(db.apiKeys().get(key.key().id()))
                .get()
                .satisfies(k -> assertThat(k.status()).isEqualTo(KeyStatus.REVOKED));
        assertThat(db.apiKeys().findBySecretHash(key.key().secretHash())).isEmpty();
        assertThat(db.apiKeys().changeVersion()).isGreaterThan(before);
        assertThat(db.teams().delete(team.id())).isFalse();
    }
}
