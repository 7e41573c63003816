package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.UsageDimension;
import dev.meridian.store.model.UsageQuery;
import dev.meridian.store.model.UsageRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage reports sum the request log's own records, per group, on every backend. */
public abstract class UsageRepositoryContract extends StoreContract {

    private static final Instant DAY_ONE = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2026-03-02T23:59:59Z");

    protected UsageRepositoryContract(TestBackend backend) {
        super(backend);
    }

    private static RequestRecord record(String tenant, String key, String model, Instant ts, long out, Double cost) {
        return record(tenant, key, model, ts, out, cost, null, null);
    }

    private static RequestRecord record(
            String tenant,
            String key,
            String model,
            Instant ts,
            long out,
            Double cost,
            String cacheStatus,
            Double cacheSaved) {
        return new RequestRecord(
                        unique("req"),
                        ts,
                        tenant,
                        key,
                        null,
                        model,
                        model,
                        "dep",
                        "openai",
                        null,
                        200,
                        null,
                        10.0,
                        9.0,
                        null,
                        100,
                        out,
                        10,
                        0,
                        cost,
                        false,
                        1,
                        0,
                        null,
                        null,
                        false)
                .withResponseCache(cacheStatus, cacheSaved);
    }

    @Test
    void aReport_countsCacheHitsAndTheirSavings_leavingTheirTokensOutOfUpstreamUsage() {
        String tenant = newTenant().id();
        RequestRecord stored = record(tenant, "key_a", "gpt", DAY_ONE, 20, 0.25, "stored", null)
                .withPromptCache(30, 0.01);
        // A hit carries the delivered answer's tokens, prompt-cache writes among them, but consumed none upstream.
        RequestRecord hit =
                record(tenant, "key_a", "gpt", DAY_ONE, 20, 0.0, "hit", 0.25).withPromptCache(30, 0.0);
        db.requestLog().insertBatch(List.of(stored, hit));

        UsageRow total = db.usage()
                .report(new UsageQuery(
                        tenant,
                        Instant.parse("2026-03-01T00:00:00Z"),
                        Instant.parse("2026-04-01T00:00:00Z"),
                        List.of()))
                .get(0);

        assertThat(total.requests()).isEqualTo(2);
        assertThat(total.inputTokens()).isEqualTo(100);
        assertThat(total.outputTokens()).isEqualTo(20);
        assertThat(total.costUsd()).isEqualTo(0.25);
        assertThat(total.cacheHits()).isEqualTo(1);
        assertThat(total.cacheSavedUsd()).isEqualTo(0.25);
        assertThat(total.cacheWriteTokens()).isEqualTo(30);
        assertThat(total.promptCacheSavedUsd()).isEqualTo(0.01);
        RequestRecord read = db.requestLog().get(tenant, hit.requestId()).orElseThrow();
        assertThat(read.cacheStatus()).isEqualTo("hit");
        assertThat(read.cacheSavedUsd()).isEqualTo(0.25);
    }

    @Test
    void aReport_sumsRequestsTokensAndCostPerGroup_andCountsUnpricedRequests() {
        String tenant = newTenant().id();
        String other = newTenant().id();
        db.requestLog()
                .insertBatch(List.of(
                        record(tenant, "key_a", "gpt", DAY_ONE, 20, 0.25),
                        record(tenant, "key_a", "gpt", DAY_TWO, 30, 0.125),
                        record(tenant, "key_b", "gpt", DAY_TWO, 5, 0.0625),
                        record(tenant, "key_b", "local", DAY_TWO, 7, null),
                        record(other, "key_c", "gpt", DAY_ONE, 1000, 9.0)));
        UsageQuery byModelAndDay = new UsageQuery(
                tenant,
                Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-04-01T00:00:00Z"),
                List.of(UsageDimension.MODEL, UsageDimension.DAY));

        List<UsageRow> rows = db.usage().report(byModelAndDay);

        assertThat(rows)
                .extracting(r ->
                        r.groups().get(UsageDimension.MODEL) + " " + r.groups().get(UsageDimension.DAY))
                .containsExactly("gpt 2026-03-01", "gpt 2026-03-02", "local 2026-03-02");
        UsageRow gptDayTwo = rows.get(1);
        assertThat(gptDayTwo.requests()).isEqualTo(2);
        assertThat(gptDayTwo.inputTokens()).isEqualTo(200);
        assertThat(gptDayTwo.outputTokens()).isEqualTo(35);
        assertThat(gptDayTwo.cachedTokens()).isEqualTo(20);
        assertThat(gptDayTwo.costUsd()).isCloseTo(0.1875, within(1e-12));
        assertThat(rows.get(2).unpricedRequests()).isEqualTo(1);
        assertThat(rows.get(2).costUsd()).isZero();
    }

    @Test
    void aReportWithoutGroups_isOneTotal_andTheRangeIsHalfOpen() {
        String tenant = newTenant().id();
        db.requestLog()
                .insertBatch(List.of(
                        record(tenant, "key_a", "gpt", DAY_ONE, 20, 0.5),
                        record(tenant, "key_a", "gpt", DAY_TWO, 30, 0.25)));

        List<UsageRow> total = db.usage().report(new UsageQuery(tenant, DAY_ONE, DAY_TWO, List.of()));

        assertThat(total).singleElement().satisfies(t -> {
            assertThat(t.requests()).isEqualTo(1);
            assertThat(t.costUsd()).isEqualTo(0.5);
        });
    }

    @Test
    void aPlatformReport_groupsByTenant_includingRequestsWithoutOne() {
        String tenant = newTenant().id();
        Instant at = Instant.parse("2026-05-05T05:05:05Z");
        db.requestLog()
                .insertBatch(List.of(
                        record(tenant, "key_a", "gpt", at, 1, 0.5), record(null, "config:ops", "gpt", at, 1, 0.75)));

        List<UsageRow> rows = db.usage()
                .report(new UsageQuery(
                        null, at, at.plusSeconds(1), List.of(UsageDimension.TENANT, UsageDimension.KEY)));

        assertThat(rows)
                .extracting(r ->
                        r.groups().get(UsageDimension.TENANT) + " " + r.groups().get(UsageDimension.KEY))
                .containsExactlyInAnyOrder(tenant + " key_a", "null config:ops");
    }

    private static RequestRecord billed(String tenant, Instant ts, long out, Double cost, Double billed) {
        return record(tenant, "key_a", "gpt", ts, out, cost).withBilledCost(billed);
    }

    @Test
    void aReport_sumsListAndBilledCost_readingAMissingBilledCostAsTheListCost() {
        String tenant = newTenant().id();
        db.requestLog()
                .insertBatch(List.of(
                        billed(tenant, DAY_ONE, 1, 1.0, 0.9),
                        billed(tenant, DAY_ONE, 1, 0.5, null),
                        billed(tenant, DAY_ONE, 1, null, null)));

        List<UsageRow> total = db.usage().report(new UsageQuery(tenant, DAY_ONE, DAY_TWO, List.of()));

        assertThat(total).singleElement().satisfies(t -> {
            assertThat(t.costUsd()).isEqualTo(1.5);
            assertThat(t.billedCostUsd()).isCloseTo(1.4, within(1e-12));
        });
    }

    @Test
    void tokensByTenant_sumsInputAndOutputInTheRange_perTenant() {
        String tenant = newTenant().id();
        String other = newTenant().id();
        Instant monthStart = Instant.parse("2026-07-01T00:00:00Z");
        db.requestLog()
                .insertBatch(List.of(
                        record(tenant, "key_a", "gpt", monthStart, 20, 0.1),
                        record(tenant, "key_a", "gpt", monthStart.plusSeconds(60), 30, 0.1),
                        record(tenant, "key_a", "gpt", monthStart.minusMillis(1), 1_000, 0.1),
                        record(other, "key_c", "gpt", monthStart.plusSeconds(5), 5, 0.1),
                        record(null, "config:ops", "gpt", monthStart.plusSeconds(5), 5, 0.1)));

        Map<String, Long> tokens = db.usage().tokensByTenant(monthStart, monthStart.plusSeconds(3600));

        assertThat(tokens).containsOnly(Map.entry(tenant, 100L + 20 + 100 + 30), Map.entry(other, 105L));
    }

    @Test
    void tokensByTenant_leavesResponseCacheHitsOut() {
        String tenant = newTenant().id();
        Instant monthStart = Instant.parse("2026-07-01T00:00:00Z");
        db.requestLog()
                .insertBatch(List.of(
                        record(tenant, "key_a", "gpt", monthStart, 20, 0.1, "stored", null),
                        record(tenant, "key_a", "gpt", monthStart.plusSeconds(1), 20, 0.0, "hit", 0.1)));

        Map<String, Long> tokens = db.usage().tokensByTenant(monthStart, monthStart.plusSeconds(3600));

        assertThat(tokens).containsEntry(tenant, 120L);
    }
}
