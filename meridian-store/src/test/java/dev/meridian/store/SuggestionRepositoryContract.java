package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.store.model.RepeatRow;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.TrafficRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suggestions' inputs: answered traffic per model, deployment and size, and repeated prompts, on every backend. */
public abstract class SuggestionRepositoryContract extends StoreContract {

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant FROM = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-07-01T00:00:00Z");

    protected SuggestionRepositoryContract(TestBackend backend) {
        super(backend);
    }

    private static RequestRecord record(
            String tenant, String model, String deployment, int status, long in, long out, Double cost, Long print) {
        return new RequestRecord(
                        unique("req"),
                        T0,
                        tenant,
                        "key",
                        null,
                        model,
                        model,
                        deployment,
                        "openai",
                        null,
                        status,
                        null,
                        10.0,
                        9.0,
                        null,
                        in,
                        out,
                        in / 10,
                        0,
                        cost,
                        false,
                        1,
                        0,
                        null,
                        null,
                        false)
                .withPromptFingerprint(print);
    }

    @Test
    void traffic_sumsAnsweredRequestsPerModelDeploymentAndSize() {
        String tenant = newTenant().id();
        db.requestLog()
                .insertBatch(List.of(
                        record(tenant, "big", "a", 200, 100, 50, 0.25, null),
                        record(tenant, "big", "a", 200, 200, 100, 0.5, null),
                        record(tenant, "big", "a", 200, 5000, 100, 2.0, null),
                        record(tenant, "big", "b", 200, 300, 400, 1.0, null),
                        record(tenant, "big", "a", 502, 100, 0, 0.125, null),
                        record(tenant, "big", null, 429, 0, 0, null, null),
                        record(newTenant().id(), "big", "a", 200, 100, 50, 9.0, null)));

        List<TrafficRow> rows = db.suggestions().traffic(tenant, FROM, TO, 1000, 300);

        assertThat(rows)
                .extracting(r -> r.model() + " " + r.deployment() + " " + r.small() + " " + r.requests())
                .containsExactly("big a false 1", "big a true 2", "big b false 1");
        TrafficRow small = rows.get(1);
        assertThat(small.inputTokens()).isEqualTo(300);
        assertThat(small.outputTokens()).isEqualTo(150);
        assertThat(small.cachedTokens()).isEqualTo(30);
        assertThat(small.costUsd()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void traffic_rangeIsHalfOpen() {
        String tenant = newTenant().id();
        db.requestLog().insertBatch(List.of(record(tenant, "big", "a", 200, 1, 1, 0.5, null)));

        assertThat(db.suggestions().traffic(tenant, T0, T0.plusMillis(1), 10, 10))
                .hasSize(1);
        assertThat(db.suggestions().traffic(tenant, FROM, T0, 10, 10)).isEmpty();
    }

    @Test
    void repeats_countAndPriceEveryRequestAfterTheFirstOfItsPrompt() {
        String tenant = newTenant().id();
        db.requestLog()
                .insertBatch(List.of(
                        at(record(tenant, "big", "a", 200, 10, 10, 0.25, 42L), 20),
                        at(record(tenant, "big", "a", 200, 10, 10, 0.5, 42L), 0),
                        at(record(tenant, "big", "a", 200, 10, 10, 0.125, 42L), 10),
                        record(tenant, "big", "a", 200, 10, 10, 0.5, -7L),
                        record(tenant, "big", "a", 200, 10, 10, 0.5, -7L),
                        record(tenant, "big", "a", 200, 10, 10, 0.5, 99L),
                        record(tenant, "big", "a", 500, 10, 10, 0.5, 99L),
                        record(tenant, "big", "a", 200, 10, 10, 0.5, null),
                        record(tenant, "big", "a", 200, 10, 10, 0.5, null),
                        record(tenant, "small", "a", 200, 10, 10, 0.5, 42L)));

        List<RepeatRow> rows = db.suggestions().repeats(tenant, FROM, TO);

        // 42: the first ($0.50) is not a repeat, the later two are; -7: one of two; 99: its repeat failed; no
        // fingerprint: never a repeat; "small" sent 42 once.
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("big");
            assertThat(r.repeatedRequests()).isEqualTo(3);
            assertThat(r.repeatedPrompts()).isEqualTo(2);
            assertThat(r.costUsd()).isCloseTo(0.25 + 0.125 + 0.5, within(1e-12));
        });
    }

    private static RequestRecord at(RequestRecord r, long secondsAfterT0) {
        return new RequestRecord(
                r.requestId(),
                T0.plusSeconds(secondsAfterT0),
                r.tenantId(),
                r.keyId(),
                r.userId(),
                r.modelAsked(),
                r.modelServed(),
                r.deployment(),
                r.provider(),
                r.region(),
                r.status(),
                r.errorCode(),
                r.totalMs(),
                r.upstreamMs(),
                r.ttftMs(),
                r.inputTokens(),
                r.outputTokens(),
                r.cachedTokens(),
                r.reasoningTokens(),
                r.costUsd(),
                r.cacheHit(),
                r.attempts(),
                r.fallbacks(),
                r.prompt(),
                r.completion(),
                r.usageEstimated(),
                r.billedCostUsd(),
                r.promptFingerprint(),
                r.cacheWriteTokens(),
                r.promptCacheSavedUsd(),
                r.cacheStatus(),
                r.cacheSavedUsd());
    }

    @Test
    void repeats_leaveResponseCacheHitsOut_theyAreSavedAlready() {
        String tenant = newTenant().id();
        db.requestLog()
                .insertBatch(List.of(
                        at(record(tenant, "big", "a", 200, 10, 10, 0.5, 42L).withResponseCache("stored", null), 0),
                        at(record(tenant, "big", "a", 200, 10, 10, 0.0, 42L).withResponseCache("hit", 0.5), 10),
                        at(record(tenant, "big", "a", 200, 10, 10, 0.5, 42L).withResponseCache("bypass", null), 20)));

        List<RepeatRow> rows = db.suggestions().repeats(tenant, FROM, TO);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.repeatedRequests()).isEqualTo(1);
            assertThat(r.costUsd()).isEqualTo(0.5);
        });
    }
}
