package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.KeyKind;
import dev.meridian.store.model.KeyStatus;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.model.Role;
import dev.meridian.store.model.Team;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.model.User;
import dev.meridian.store.repo.ApiKeyRepository.Created;
import dev.meridian.store.repo.ApiKeySecrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API key repository's contract, run against every backend. */
public abstract class ApiKeyRepositoryContract extends StoreContract {
    protected ApiKeyRepositoryContract(TestBackend backend) {
        super(backend);
    }

    @Test
    void create_returnsSecretOnceAndStoresOnlyItsHash() throws SQLException {
        Tenant tenant = newTenant();
        Created created = db.apiKeys()
                .create(NewApiKey.caller(tenant.id(), "ci")
                        .withAllowedModels(List.of("gpt-4o"))
                        .withMetadata(Map.of("owner", "ci-bot")));

        String secret = created.secret();
        ApiKey key = created.key();
        assertThat(secret).matches("sk-mer-[A-Za-z0-9_-]{40}");
        assertThat(key.id()).matches("key_[0-9a-f]{16}");
        assertThat(key.prefix()).isEqualTo(secret.substring(0, 12));
        assertThat(key.secretHash()).isEqualTo(ApiKeySecrets.hash(secret)).hasSize(64);
        assertThat(key.kind()).isEqualTo(KeyKind.CALLER);
        assertThat(created.toString()).doesNotContain(secret);
        assertThat(db.apiKeys().get(key.id())).contains(key);
        assertThat(db.apiKeys().findBySecretHash(ApiKeySecrets.hash(secret))).contains(key);
        assertThat(key.acceptsAt(key.secretHash(), clock.instant())).isTrue();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM api_keys WHERE id = '" + key.id() + "'")) {
            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertThat(rs.getString(i))
                        .as(rs.getMetaData().getColumnName(i))
                        .isNotEqualTo(secret);
            }
        }
    }

    @Test
    void rateLimits_areStoredOnCreateAndChangedLater_bumpingTheChangeVersion() {
        Tenant tenant = newTenant();
        Created created =
                db.apiKeys().create(NewApiKey.caller(tenant.id(), "limited").withRateLimits(new RateLimits(30L, null)));
        assertThat(db.apiKeys().get(created.key().id()).orElseThrow().rateLimits())
                .isEqualTo(new RateLimits(30L, null));
        assertThat(db.apiKeys()
                        .create(NewApiKey.caller(tenant.id(), "plain"))
                        .key()
                        .rateLimits())
                .isEqualTo(RateLimits.NONE);

        long before = db.apiKeys().changeVersion();
        assertThat(db.apiKeys().setRateLimits(created.key().id(), new RateLimits(null, 5_000L)))
                .hasValueSatisfying(k -> assertThat(k.rateLimits()).isEqualTo(new RateLimits(null, 5_000L)));
        assertThat(db.apiKeys().changeVersion()).isGreaterThan(before);
        assertThat(db.apiKeys().findBySecretHash(ApiKeySecrets.hash(created.secret())))
                .hasValueSatisfying(k -> assertThat(k.rateLimits()).isEqualTo(new RateLimits(null, 5_000L)));
        assertThat(db.apiKeys().setRateLimits("key_missing", RateLimits.NONE)).isEmpty();
    }

    @Test
    void create_secretsDiffer() {
        Tenant tenant = newTenant();
        Created a = db.apiKeys().create(NewApiKey.caller(tenant.id(), "a"));
        Created b = db.apiKeys().create(NewApiKey.caller(tenant.id(), "b"));
        assertThat(a.secret()).isNotEqualTo(b.secret());
    }

    @Test
    void create_platformAdminToken_hasNoTenant() {
        Created token = db.apiKeys().create(NewApiKey.adminToken(null, "ops"));
        assertThat(token.key().tenantId()).isNull();
        assertThat(token.key().kind()).isEqualTo(KeyKind.ADMIN_TOKEN);
        assertThat(db.apiKeys().findBySecretHash(ApiKeySecrets.hash(token.secret())))
                .contains(token.key());
    }

    @Test
    void platformTokenExists_onlyOnceOneWasCreated_evenRevoked() {
        try (Database fresh = Database.open(backend.newDatabase(), clock)) {
            Tenant tenant = fresh.tenants().create(unique("tenant"), Plan.BASIC, TenantStatus.ACTIVE, null);
            fresh.apiKeys().create(NewApiKey.adminToken(tenant.id(), "tenant admin"));
            fresh.apiKeys().create(NewApiKey.caller(tenant.id(), "caller"));
            assertThat(fresh.apiKeys().platformTokenExists()).isFalse();

            Created token = fresh.apiKeys().create(NewApiKey.adminToken(null, "ops"));
            assertThat(fresh.apiKeys().platformTokenExists()).isTrue();
            fresh.apiKeys().revoke(token.key().id());
            assertThat(fresh.apiKeys().platformTokenExists()).isTrue();
        }
    }

    @Test
    void create_teamOrUserOfAnotherTenant_isRejected() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        Team theirTeam = db.teams().create(other.id(), "theirs");
        User theirUser = db.users().create(other.id(), null, unique("t") + "@e.com", "T", Role.DEVELOPER);

        assertThatThrownBy(() ->
                        db.apiKeys().create(NewApiKey.caller(tenant.id(), "x").withTeam(theirTeam.id())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        db.apiKeys().create(NewApiKey.caller(tenant.id(), "x").withUser(theirUser.id())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void list_filtersByTeamAndUser() {
        Tenant tenant = newTenant();
        Team team = db.teams().create(tenant.id(), "t");
        User user = db.users().create(tenant.id(), team.id(), unique("u") + "@e.com", "U", Role.DEVELOPER);
        ApiKey plain =
                db.apiKeys().create(NewApiKey.caller(tenant.id(), "plain")).key();
        clock.advance(Duration.ofMillis(1));
        ApiKey teamKey = db.apiKeys()
                .create(NewApiKey.caller(tenant.id(), "team").withTeam(team.id()))
                .key();
        clock.advance(Duration.ofMillis(1));
        ApiKey userKey = db.apiKeys()
                .create(NewApiKey.caller(tenant.id(), "user")
                        .withTeam(team.id())
                        .withUser(user.id()))
                .key();
        db.apiKeys().create(NewApiKey.caller(newTenant().id(), "elsewhere"));

        assertThat(db.apiKeys().list(tenant.id(), null, null, null, 10).items())
                .containsExactly(userKey, teamKey, plain);
        assertThat(db.apiKeys().list(tenant.id(), team.id(), null, null, 10).items())
                .containsExactly(userKey, teamKey);
        assertThat(db.apiKeys().list(tenant.id(), null, user.id(), null, 10).items())
                .containsExactly(userKey);
    }

    @Test
    void list_pagesNewestFirst_acrossKeysOfTheSameMillisecond() {
        Tenant tenant = newTenant();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(
                    0,
                    db.apiKeys()
                            .create(NewApiKey.caller(tenant.id(), "k" + i))
                            .key()
                            .id());
            if (i == 2) {
                clock.advance(Duration.ofMillis(1));
            }
        }
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Page<ApiKey> page = db.apiKeys().list(tenant.id(), null, null, cursor, 2);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().forEach(k -> paged.add(k.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(paged.subList(0, 2)).containsExactlyInAnyOrderElementsOf(created.subList(0, 2));
    }

    @Test
    void rotate_bothSecretsWorkUntilTheGracePasses() {
        Created original = db.apiKeys().create(NewApiKey.caller(newTenant().id(), "rotating"));
        String oldHash = ApiKeySecrets.hash(original.secret());

        Created rotated =
                db.apiKeys().rotate(original.key().id(), Duration.ofMinutes(10)).orElseThrow();
        String newHash = ApiKeySecrets.hash(rotated.secret());

        assertThat(rotated.secret()).isNotEqualTo(original.secret());
        assertThat(rotated.key().id()).isEqualTo(original.key().id());
        assertThat(rotated.key().prefix()).isEqualTo(rotated.secret().substring(0, 12));
        assertThat(db.apiKeys().findBySecretHash(newHash)).contains(rotated.key());
        assertThat(db.apiKeys().findBySecretHash(oldHash)).contains(rotated.key());
        assertThat(rotated.key().acceptsAt(oldHash, clock.instant())).isTrue();

        clock.advance(Duration.ofMinutes(10));

        assertThat(db.apiKeys().findBySecretHash(oldHash)).isEmpty();
        assertThat(rotated.key().acceptsAt(oldHash, clock.instant())).isFalse();
        assertThat(db.apiKeys().findBySecretHash(newHash)).contains(rotated.key());
    }

    @Test
    void rotate_twice_endsTheFirstSecretAtOnce() {
        Created first = db.apiKeys().create(NewApiKey.caller(newTenant().id(), "k"));
        Created second =
                db.apiKeys().rotate(first.key().id(), Duration.ofHours(1)).orElseThrow();
        Created third =
                db.apiKeys().rotate(first.key().id(), Duration.ofHours(1)).orElseThrow();

        assertThat(db.apiKeys().findBySecretHash(ApiKeySecrets.hash(first.secret())))
                .isEmpty();
        assertThat(db.apiKeys().findBySecretHash(ApiKeySecrets.hash(second.secret())))
                .isPresent();
        assertThat(db.apiKeys().findBySecretHash(ApiKeySecrets.hash(third.secret())))
                .isPresent();
    }

    @Test
    void rotate_revokedOrUnknownKey_isEmpty() {
        Created key = db.apiKeys().create(NewApiKey.caller(newTenant().id(), "k"));
        db.apiKeys().revoke(key.key().id());
        assertThat(db.apiKeys().rotate(key.key().id(), Duration.ZERO)).isEmpty();
        assertThat(db.apiKeys().rotate("key_missing", Duration.ZERO)).isEmpty();
        assertThatThrownBy(() -> db.apiKeys().rotate(key.key().id(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void revoke_makesEverySecretUnknown() {
        Created key = db.apiKeys().create(NewApiKey.caller(newTenant().id(), "k"));
        Created rotated =
                db.apiKeys().rotate(key.key().id(), Duration.ofHours(1)).orElseThrow();

        assertThat(db.apiKeys().revoke(key.key().id())).isTrue();

        assertThat(db.apiKeys().findBySecretHash(ApiKeySecrets.hash(key.secret())))
                .isEmpty();
        assertThat(db.apiKeys().findBySecretHash(ApiKeySecrets.hash(rotated.secret())))
                .isEmpty();
        assertThat(db.apiKeys().get(key.key().id())).get().satisfies(k -> {
            assertThat(k.status()).isEqualTo(KeyStatus.REVOKED);
            assertThat(k.revokedAt()).isEqualTo(clock.instant());
        });
        assertThat(db.apiKeys().revoke(key.key().id())).isFalse();
    }

    @Test
    void findBySecretHash_expiredKey_isReturnedWithItsExpiryButNotAccepted() {
        Created key = db.apiKeys()
                .create(NewApiKey.caller(newTenant().id(), "short-lived")
                        .withExpiresAt(clock.instant().plus(Duration.ofMinutes(1))));
        clock.advance(Duration.ofMinutes(1));

        ApiKey found = db.apiKeys().findBySecretHash(key.key().secretHash()).orElseThrow();
        assertThat(found.isExpiredAt(clock.instant())).isTrue();
        assertThat(found.acceptsAt(found.secretHash(), clock.instant())).isFalse();
    }

    @Test
    void changeVersion_growsWithEveryChange() {
        long v0 = db.apiKeys().changeVersion();
        Tenant tenant = newTenant();
        Created key = db.apiKeys().create(NewApiKey.caller(tenant.id(), "k"));
        long v1 = db.apiKeys().changeVersion();
        db.apiKeys().rotate(key.key().id(), Duration.ZERO);
        long v2 = db.apiKeys().changeVersion();
        db.apiKeys().revoke(key.key().id());
        long v3 = db.apiKeys().changeVersion();
        db.tenants().update(tenant.withStatus(TenantStatus.SUSPENDED));
        long v4 = db.apiKeys().changeVersion();
        db.users().create(tenant.id(), null, unique("u") + "@e.com", "U", Role.VIEWER);
        long v5 = db.apiKeys().changeVersion();

        assertThat(List.of(v0, v1, v2, v3, v4, v5)).isSorted().doesNotHaveDuplicates();
        db.apiKeys().revoke(key.key().id()); // already revoked: nothing changes
        db.apiKeys().get(key.key().id());
        assertThat(db.apiKeys().changeVersion()).isEqualTo(v5);
    }
}
