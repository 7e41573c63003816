package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.Budget;
import dev.meridian.store.model.BudgetAction;
import dev.meridian.store.model.BudgetScope;
import dev.meridian.store.model.KeyKind;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.Role;
import dev.meridian.store.model.Team;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.User;
import dev.meridian.store.repo.DuplicateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The budget repository's contract, run against every backend. */
public abstract class BudgetRepositoryContract extends StoreContract {
    protected BudgetRepositoryContract(TestBackend backend) {
        super(backend);
    }

    private static Budget draft(Tenant tenant, BudgetScope scope, String scopeId, String period, double limit) {
        return new Budget(
                "draft",
                tenant.id(),
                scope,
                scopeId,
                period,
                "UTC",
                limit,
                BudgetAction.REJECT,
                null,
                List.of(0.5, 0.8, 0.95),
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private ApiKey newKey(Tenant tenant, String teamId, String userId) {
        return db.apiKeys()
                .create(new NewApiKey(
                        tenant.id(), teamId, userId, unique("key"), KeyKind.CALLER, null, List.of(), null, Map.of()))
                .key();
    }

    @Test
    void create_thenGetListAndAll() {
        Tenant tenant = newTenant();
        Budget created = db.budgets().create(draft(tenant, BudgetScope.TENANT, tenant.id(), "MONTH", 100));

        assertThat(created.id()).matches("bud_[0-9a-f]{16}");
        assertThat(created.createdAt()).isEqualTo(clock.instant());
        assertThat(db.budgets().get(created.id())).contains(created);
        assertThat(db.budgets().list(tenant.id(), null, 10).items()).containsExactly(created);
        assertThat(db.budgets().all()).contains(created);
    }

    @Test
    void create_samePeriodTwice_isDuplicate_otherPeriodIsNot() {
        Tenant tenant = newTenant();
        db.budgets().create(draft(tenant, BudgetScope.TENANT, tenant.id(), "DAY", 5));
        assertThatThrownBy(() -> db.budgets().create(draft(tenant, BudgetScope.TENANT, tenant.id(), "DAY", 9)))
                .isInstanceOf(DuplicateException.class);
        db.budgets().create(draft(tenant, BudgetScope.TENANT, tenant.id(), "WEEK", 9));
        assertThat(db.budgets().list(tenant.id(), null, 10).items()).hasSize(2);
    }

    @Test
    void create_scopeIdOfAnotherTenant_isRefusedAndNothingWritten() {
        Tenant tenant = newTenant();
        Tenant other = newTenant();
        Team team = db.teams().create(other.id(), "ml");
        assertThatThrownBy(() -> db.budgets().create(draft(tenant, BudgetScope.TEAM, team.id(), "DAY", 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.budgets().create(draft(tenant, BudgetScope.TENANT, other.id(), "DAY", 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.budgets().create(draft(tenant, BudgetScope.KEY, "key_nope", "DAY", 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(db.budgets().list(tenant.id(), null, 10).items()).isEmpty();
    }

    @Test
    void update_changesSettings_keepsScope() {
        Tenant tenant = newTenant();
        User user = db.users().create(tenant.id(), null, unique("u") + "@example.com", "U", Role.DEVELOPER);
        Budget b = db.budgets().create(draft(tenant, BudgetScope.USER, user.id(), "DAY", 5));
        clock.advance(java.time.Duration.ofSeconds(5));
        Budget changed = db.budgets()
                .update(b.withSettings(
                        "WEEK", "Asia/Shanghai", 7.5, BudgetAction.DOWNGRADE, "cheap", List.of(0.9), b.updatedAt()))
                .orElseThrow();
        assertThat(changed.period()).isEqualTo("WEEK");
        assertThat(changed.timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(changed.limitUsd()).isEqualTo(7.5);
        assertThat(changed.onExceed()).isEqualTo(BudgetAction.DOWNGRADE);
        assertThat(changed.downgradeTo()).isEqualTo("cheap");
        assertThat(changed.alertAt()).containsExactly(0.9);
        assertThat(changed.scopeId()).isEqualTo(user.id());
        assertThat(changed.updatedAt()).isAfter(b.updatedAt());
    }

    @Test
    void delete_removesIt() {
        Tenant tenant = newTenant();
        Budget b = db.budgets().create(draft(tenant, BudgetScope.TENANT, tenant.id(), "TOTAL", 5));
        assertThat(db.budgets().delete(b.id())).isTrue();
        assertThat(db.budgets().delete(b.id())).isFalse();
        assertThat(db.budgets().get(b.id())).isEmpty();
    }

    @Test
    void list_pagesInIdOrder() {
        Tenant tenant = newTenant();
        for (String period : List.of("DAY", "WEEK", "MONTH")) {
            db.budgets().create(draft(tenant, BudgetScope.TENANT, tenant.id(), period, 1));
        }
        Page<Budget> first = db.budgets().list(tenant.id(), null, 2);
        Page<Budget> last = db.budgets().list(tenant.id(), first.nextCursor(), 2);
        assertThat(first.items()).hasSize(2);
        assertThat(last.items()).hasSize(1);
        assertThat(last.nextCursor()).isNull();
        assertThat(first.items().get(1).id()).isLessThan(last.items().get(0).id());
    }

    @Test
    void spend_sumsTheScopesCostInTheWindow() {
        Tenant tenant = newTenant();
        Team team = db.teams().create(tenant.id(), "ml");
        User user = db.users().create(tenant.id(), null, unique("u") + "@example.com", "U", Role.DEVELOPER);
        ApiKey teamKey = newKey(tenant, team.id(), null);
        ApiKey userKey = newKey(tenant, null, user.id());
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = Instant.parse("2026-03-02T00:00:00Z");
        db.requestLog()
                .insertBatch(List.of(
                        record(tenant.id(), teamKey.id(), null, from, 0.25),
                        record(tenant.id(), teamKey.id(), null, to.minusMillis(1), 0.5),
                        record(tenant.id(), teamKey.id(), null, to, 8.0), // next period
                        record(tenant.id(), userKey.id(), user.id(), from.plusSeconds(60), 1.0),
                        record(tenant.id(), userKey.id(), user.id(), from.minusMillis(1), 16.0), // last period
                        record(tenant.id(), userKey.id(), user.id(), from.plusSeconds(90), null))); // unpriced

        assertThat(db.budgets().spend(tenant.id(), BudgetScope.TENANT, tenant.id(), from, to))
                .isEqualTo(1.75);
        assertThat(db.budgets().spend(tenant.id(), BudgetScope.TEAM, team.id(), from, to))
                .isEqualTo(0.75);
        assertThat(db.budgets().spend(tenant.id(), BudgetScope.USER, user.id(), from, to))
                .isEqualTo(1.0);
        assertThat(db.budgets().spend(tenant.id(), BudgetScope.KEY, teamKey.id(), from, to))
                .isEqualTo(0.75);
        assertThat(db.budgets().spend(tenant.id(), BudgetScope.KEY, "key_none", from, to))
                .isZero();
    }

    private static RequestRecord record(String tenant, String key, String user, Instant ts, Double cost) {
        return new RequestRecord(
                "req_" + UUID.randomUUID(),
                ts,
                tenant,
                key,
                user,
                "m",
                "m",
                "dep",
                "openai",
                null,
                200,
                null,
                1.0,
                null,
                null,
                10,
                10,
                0,
                0,
                cost,
                false,
                1,
                0,
                null,
                null,
                false);
    }
}
