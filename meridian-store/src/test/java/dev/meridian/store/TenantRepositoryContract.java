package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.QuotaOverride;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantRetention;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.model.VolumeTier;
import dev.meridian.store.repo.DuplicateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tenant repository's contract, run against every backend. */
public abstract class TenantRepositoryContract extends StoreContract {
    protected TenantRepositoryContract(TestBackend backend) {
        super(backend);
    }

    @Test
    void create_thenGetAndFindByName() {
        Instant trialEnd = Instant.parse("2026-04-01T00:00:00Z");
        Tenant created = db.tenants().create(unique("acme"), Plan.BASIC, TenantStatus.TRIAL, trialEnd);

        assertThat(created.id()).matches("ten_[0-9a-f]{16}");
        assertThat(created.plan()).isEqualTo(Plan.BASIC);
        assertThat(created.quota()).isEqualTo(QuotaOverride.NONE);
        assertThat(created.rateLimits()).isEqualTo(RateLimits.NONE);
        assertThat(created.trialEndsAt()).isEqualTo(trialEnd);
        assertThat(created.storeBodies()).isFalse();
        assertThat(created.createdAt()).isEqualTo(clock.instant());
        assertThat(db.tenants().get(created.id())).contains(created);
        assertThat(db.tenants().findByName(created.name())).contains(created);
        assertThat(db.tenants().get("ten_missing")).isEmpty();
    }

    @Test
    void create_withRateLimits_storesThemInTheSameInsert() {
        Tenant created =
                db.tenants().create(unique("rated"), Plan.BASIC, TenantStatus.ACTIVE, null, new RateLimits(100L, null));
        assertThat(created.rateLimits()).isEqualTo(new RateLimits(100L, null));
        assertThat(db.tenants().get(created.id())).contains(created);
    }

    @Test
    void create_takenName_throwsDuplicate() {
        Tenant first = newTenant();
        assertThatThrownBy(() -> db.tenants().create(first.name(), Plan.BASIC, TenantStatus.ACTIVE, null))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void update_writesChangeableFieldsAndBumpsUpdatedAt() {
        Tenant tenant = newTenant();
        clock.advance(Duration.ofMinutes(5));
        QuotaOverride custom = new QuotaOverride(42L, 7.5, List.of("gpt-4o", "claude-*"));
        RateLimits rates = new RateLimits(3L, 1_000L);

        Tenant updated = db.tenants()
                .update(tenant.withStatus(TenantStatus.SUSPENDED)
                        .withPlan(Plan.ENTERPRISE)
                        .withQuota(custom)
                        .withRateLimits(rates)
                        .withTrialEndsAt(null)
                        .withStoreBodies(true)
                        .withResidencyRule("eu-only"));

        assertThat(updated.status()).isEqualTo(TenantStatus.SUSPENDED);
        assertThat(updated.plan()).isEqualTo(Plan.ENTERPRISE);
        assertThat(updated.quota()).isEqualTo(custom);
        assertThat(updated.rateLimits()).isEqualTo(rates);
        assertThat(updated.storeBodies()).isTrue();
        assertThat(updated.residencyRule()).isEqualTo("eu-only");
        assertThat(updated.createdAt()).isEqualTo(tenant.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(clock.instant()).isAfter(tenant.updatedAt());
        assertThat(db.tenants().get(tenant.id())).contains(updated);
    }

    @Test
    void update_partialOverrides_keepTheOthersFollowingThePlan() {
        Tenant tenant = newTenant();
        Tenant updated = db.tenants()
                .update(tenant.withQuota(new QuotaOverride(null, 12.5, null))
                        .withRateLimits(new RateLimits(null, 9_000L)));

        assertThat(updated.quota()).isEqualTo(new QuotaOverride(null, 12.5, null));
        assertThat(updated.rateLimits()).isEqualTo(new RateLimits(null, 9_000L));
        assertThat(db.tenants().update(updated.withPlan(Plan.BASIC)))
                .as("a new plan starts without the old plan's overrides")
                .satisfies(t -> {
                    assertThat(t.quota()).isEqualTo(QuotaOverride.NONE);
                    assertThat(t.rateLimits()).isEqualTo(RateLimits.NONE);
                });
    }

    @Test
    void createOrUpdate_unknownPlan_isRejectedAndWritesNothing() {
        String name = unique("planless");
        assertThatThrownBy(() -> db.tenants().create(name, "no-such-plan", TenantStatus.ACTIVE, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(db.tenants().findByName(name)).isEmpty();

        Tenant tenant = newTenant();
        assertThatThrownBy(() -> db.tenants().update(tenant.withPlan("no-such-plan")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(db.tenants().get(tenant.id())).contains(tenant);
    }

    @Test
    void update_unknownTenant_throwsNoSuchElement() {
        Tenant ghost = newTenant();
        Tenant renamed = new Tenant(
                "ten_0000000000000000",
                "ghost",
                ghost.status(),
                ghost.plan(),
                ghost.quota(),
                ghost.rateLimits(),
                null,
                false,
                null,
                ghost.createdAt(),
                ghost.updatedAt(),
                null);
        assertThatThrownBy(() -> db.tenants().update(renamed)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void update_bumpsChangeVersion() {
        Tenant tenant = newTenant();
        long before = db.apiKeys().changeVersion();
        db.tenants().update(tenant.withStatus(TenantStatus.EXPIRED));
        assertThat(db.apiKeys().changeVersion()).isGreaterThan(before);
    }

    @Test
    void list_pagesThroughEveryTenantOnceInIdOrder() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            mine.add(newTenant().id());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Tenant> page = db.tenants().list(cursor, 3);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
            page.items().forEach(t -> seen.add(t.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().isSorted().containsAll(mine);
    }

    @Test
    void list_badLimitOrCursor_isRejected() {
        assertThatThrownBy(() -> db.tenants().list(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.tenants().list("not a cursor!", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void update_volumeDiscounts_roundTripAndClearBackToTheDefault() {
        Tenant tenant = newTenant();
        assertThat(tenant.volumeDiscounts())
                .as("a new tenant is on the configured default")
                .isNull();
        List<VolumeTier> tiers = List.of(new VolumeTier(0, 0), new VolumeTier(50_000, 7.5));

        Tenant own = db.tenants().update(tenant.withVolumeDiscounts(tiers));
        Tenant none = db.tenants().update(own.withVolumeDiscounts(List.of()));
        Tenant cleared = db.tenants().update(none.withVolumeDiscounts(null));

        assertThat(own.volumeDiscounts()).isEqualTo(tiers);
        assertThat(none.volumeDiscounts()).as("no discount at any volume").isEmpty();
        assertThat(cleared.volumeDiscounts()).isNull();
        assertThat(db.tenants().get(tenant.id()).orElseThrow().volumeDiscounts())
                .isNull();
    }

    @Test
    void update_retention_roundTripsAndClearsBackToTheDefault() {
        Tenant tenant = newTenant();
        assertThat(tenant.retention()).isEqualTo(TenantRetention.DEFAULT);
        TenantRetention own = new TenantRetention(Duration.ofDays(90), Duration.ofDays(30));

        Tenant stored = db.tenants().update(tenant.withRetention(own));
        Tenant cleared = db.tenants().update(stored.withRetention(TenantRetention.DEFAULT));

        assertThat(stored.retention()).isEqualTo(own);
        assertThat(db.tenants().get(tenant.id()).orElseThrow().retention()).isEqualTo(TenantRetention.DEFAULT);
        assertThat(cleared.retention().requestLog()).isNull();
    }
}
