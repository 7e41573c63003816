package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.Plan;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.repo.DuplicateException;
import dev.meridian.store.repo.PlanInUseException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The plan repository's contract, run against every backend. */
public abstract class PlanRepositoryContract extends StoreContract {
    protected PlanRepositoryContract(TestBackend backend) {
        super(backend);
    }

    @Test
    void seed_holdsTheProductPlansWithTheSeedsNumbers() {
        Plan basic = db.plans().get(Plan.BASIC).orElseThrow();
        Plan professional = db.plans().get(Plan.PROFESSIONAL).orElseThrow();
        Plan enterprise = db.plans().get(Plan.ENTERPRISE).orElseThrow();

        assertThat(List.of(basic.monthlyTokens(), professional.monthlyTokens(), enterprise.monthlyTokens()))
                .containsExactly(1_000_000L, 10_000_000L, 100_000_000L);
        assertThat(List.of(
                        basic.monthlyCostLimitUsd(),
                        professional.monthlyCostLimitUsd(),
                        enterprise.monthlyCostLimitUsd()))
                .containsExactly(100.0, 1_000.0, 10_000.0);
        assertThat(List.of(basic.requestsPerMinute(), professional.requestsPerMinute(), enterprise.requestsPerMinute()))
                .containsExactly(60L, 600L, 6_000L);
        assertThat(basic.tokensPerMinute()).isNull();
        assertThat(enterprise.models()).containsExactly("*");
        assertThat(basic.models()).contains("gpt-*-mini", "gemini-*-flash").doesNotContain("*");
        assertThat(professional.models()).containsAll(List.of("gpt-*", "claude-sonnet-*"));
    }

    @Test
    void create_thenGetAndList() {
        String name = unique("team-plan");
        Plan created = db.plans().create(Plan.draft(name, 5, 2.5, 10, 1_000L, List.of("gpt-4o", "claude-*")));

        assertThat(created.createdAt()).isEqualTo(clock.instant());
        assertThat(created.updatedAt()).isEqualTo(clock.instant());
        assertThat(db.plans().get(name)).contains(created);
        assertThat(db.plans().list()).contains(created).extracting(Plan::name).isSorted();
        assertThat(db.plans().get("no-such-plan")).isEmpty();
    }

    @Test
    void create_takenName_throwsDuplicate() {
        assertThatThrownBy(() -> db.plans().create(Plan.draft(Plan.BASIC, 1, 1, 1, null, List.of("*"))))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void update_writesLimitsAndModels_bumpsUpdatedAtAndTheChangeVersion() {
        Plan plan = db.plans().create(Plan.draft(unique("growing"), 5, 2.5, 10, null, List.of("gpt-4o")));
        clock.advance(Duration.ofMinutes(3));
        long before = db.apiKeys().changeVersion();

        Plan updated =
                db.plans().update(Plan.draft(plan.name(), 50, 25.0, 100, 9_000L, List.of("gpt-*", "gemini-*-flash")));

        assertThat(updated.monthlyTokens()).isEqualTo(50);
        assertThat(updated.monthlyCostLimitUsd()).isEqualTo(25.0);
        assertThat(updated.requestsPerMinute()).isEqualTo(100);
        assertThat(updated.tokensPerMinute()).isEqualTo(9_000L);
        assertThat(updated.models()).containsExactly("gpt-*", "gemini-*-flash");
        assertThat(updated.createdAt()).isEqualTo(plan.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(clock.instant()).isAfter(plan.updatedAt());
        assertThat(db.plans().get(plan.name())).contains(updated);
        assertThat(db.apiKeys().changeVersion()).isGreaterThan(before);
    }

    @Test
    void update_unknownPlan_throwsNoSuchElement() {
        assertThatThrownBy(() -> db.plans().update(Plan.draft("no-such-plan", 1, 1, 1, null, List.of("*"))))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void delete_unusedPlan_removesIt_andAPlanInUseIsRefusedAndKept() {
        Plan unused = db.plans().create(Plan.draft(unique("unused"), 1, 1, 1, null, List.of("*")));
        assertThat(db.plans().delete(unused.name())).isTrue();
        assertThat(db.plans().get(unused.name())).isEmpty();
        assertThat(db.plans().delete(unused.name())).isFalse();

        Plan used = db.plans().create(Plan.draft(unique("used"), 1, 1, 1, null, List.of("*")));
        Tenant tenant = db.tenants().create(unique("on-it"), used.name(), TenantStatus.ACTIVE, null);
        assertThat(db.plans().tenantCount(used.name())).isEqualTo(1);
        assertThatThrownBy(() -> db.plans().delete(used.name()))
                .isInstanceOfSatisfying(
                        PlanInUseException.class, e -> assertThat(e.tenants()).isEqualTo(1));
        assertThat(db.plans().get(used.name())).contains(used);
        assertThat(db.tenants().get(tenant.id()).orElseThrow().plan()).isEqualTo(used.name());
    }

    @Test
    void draft_negativeOrNaNLimits_areRejected() {
        assertThatThrownBy(() -> Plan.draft("p", -1, 1, 1, null, List.of("*")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Plan.draft("p", 1, Double.NaN, 1, null, List.of("*")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Plan.draft("p", 1, 1, 1, -5L, List.of("*")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
