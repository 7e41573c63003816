package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The request log's contract, run against every backend. */
public abstract class RequestLogRepositoryContract extends StoreContract {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    protected RequestLogRepositoryContract(TestBackend backend) {
        super(backend);
    }

    /** An answered (or, for a status other than 200, failed) chat completion of the tenant's key. */
    static RequestRecord record(String id, String tenant, Instant ts, String key, String model, int status) {
        return new RequestRecord(
                id,
                ts,
                tenant,
                key,
                "usr_1",
                model,
                model + "-2024",
                "dep-a",
                "openai",
                "eu-west",
                status,
                status == 200 ? null : "upstream_error",
                812.5,
                790.25,
                120.0,
                1200,
                340,
                100,
                20,
                0.0123,
                false,
                1,
                0,
                null,
                null,
                false);
    }

    private List<RequestRecord> readAll(RequestLogQuery query) {
        List<RequestRecord> all = new ArrayList<>();
        RequestLogQuery next = query;
        while (true) {
            Page<RequestRecord> page = db.requestLog().query(next);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(query.limit());
            all.addAll(page.items());
            if (page.nextCursor() == null) {
                return all;
            }
            next = next.withCursor(page.nextCursor());
        }
    }

    @Test
    void get_returnsEveryFieldWithBodies_queryLeavesBodiesOut() {
        String tenant = unique("ten");
        RequestRecord full = record(unique("req"), tenant, T0, "key_a", "gpt-4o", 200)
                .withBodies("{\"q\":1}", "{\"a\":2}")
                .withPromptFingerprint(Long.MIN_VALUE + 7)
                .withPii("{\"card\":{\"block\":1},\"email\":{\"mask\":2}}");
        RequestRecord sparse = new RequestRecord(
                unique("req"),
                T0.plusSeconds(1),
                tenant,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                401,
                "invalid_api_key",
                1.5,
                null,
                null,
                0,
                0,
                0,
                0,
                null,
                true,
                0,
                0,
                null,
                null,
                false);
        db.requestLog().insertBatch(List.of(full, sparse));

        assertThat(db.requestLog().get(tenant, full.requestId())).contains(full);
        assertThat(db.requestLog().get(tenant, sparse.requestId())).contains(sparse);
        assertThat(db.requestLog().get(null, full.requestId())).contains(full);
        assertThat(db.requestLog().query(RequestLogQuery.forTenant(tenant, 10)).items())
                .containsExactly(sparse, full.withoutBodies());
    }

    @Test
    void get_billedCost_isKeptApartFromTheListCost() {
        String tenant = unique("ten");
        RequestRecord r = record(unique("req"), tenant, T0, "key_a", "gpt-4o", 200);
        RequestRecord discounted = r.withBilledCost(r.costUsd() * 0.85);
        db.requestLog().insertBatch(List.of(discounted));

        RequestRecord read = db.requestLog().get(tenant, r.requestId()).orElseThrow();

        assertThat(read.costUsd()).isEqualTo(r.costUsd());
        assertThat(read.billedCostUsd()).isEqualTo(r.costUsd() * 0.85);
    }

    /** PostgreSQL copies rows as text, where tabs, line ends and backslashes are syntax: they must come back as sent. */
    @Test
    void insertBatch_stringsWithSeparatorsEscapesAndNonAscii_roundTripExactly() {
        String tenant = unique("ten");
        String awkward = "tab\there, line\nbreak, cr\r\n, back\\slash, \\N, \\., \\t, 'single' \"double\", ´é中文🙂";
        RequestRecord odd = new RequestRecord(
                        unique("req"),
                        T0,
                        tenant,
                        "key\t" + awkward,
                        "usr\\" + awkward,
                        "model\n" + awkward,
                        awkward,
                        "\\",
                        "\t",
                        "\n",
                        200,
                        "\\N",
                        0.1 + 0.2,
                        1e-9,
                        123456789.123456789,
                        Long.MAX_VALUE,
                        0,
                        1,
                        2,
                        Double.MIN_VALUE,
                        true,
                        3,
                        4,
                        null,
                        null,
                        false)
                .withBodies("prompt " + awkward, "completion " + awkward);

        assertThat(db.requestLog().insertBatch(List.of(odd))).isEqualTo(1);

        assertThat(db.requestLog().get(tenant, odd.requestId())).contains(odd);
        assertThat(db.requestLog()
                        .query(new RequestLogQuery(tenant, null, null, odd.keyId(), odd.modelAsked(), null, null, 10))
                        .items())
                .as("found by the escaped values themselves")
                .containsExactly(odd.withoutBodies());
    }

    @Test
    void readsAreTenantScoped() {
        String a = unique("ten");
        String b = unique("ten");
        RequestRecord ofA = record(unique("req"), a, T0, "key_a", "gpt-4o", 200);
        RequestRecord ofB = record(unique("req"), b, T0, "key_b", "gpt-4o", 200);
        db.requestLog().insertBatch(List.of(ofA, ofB));

        assertThat(readAll(RequestLogQuery.forTenant(a, 10))).containsExactly(ofA);
        assertThat(db.requestLog().get(a, ofB.requestId())).isEmpty();
        assertThat(db.requestLog().get(b, ofB.requestId())).contains(ofB);
        assertThat(readAll(new RequestLogQuery(a, null, null, "key_b", null, null, null, 10)))
                .isEmpty();
        assertThat(db.requestLog().count(a)).isEqualTo(1);
    }

    @Test
    void query_filtersByKeyModelStatusAndTime() {
        String tenant = unique("ten");
        RequestRecord r1 = record(unique("req"), tenant, T0, "key_a", "gpt-4o", 200);
        RequestRecord r2 = record(unique("req"), tenant, T0.plusSeconds(10), "key_b", "gpt-4o", 429);
        RequestRecord r3 = record(unique("req"), tenant, T0.plusSeconds(20), "key_a", "claude-3-haiku", 200);
        RequestRecord r4 = record(unique("req"), tenant, T0.plusSeconds(30), "key_a", "gpt-4o", 500);
        db.requestLog().insertBatch(List.of(r1, r2, r3, r4));

        assertThat(readAll(new RequestLogQuery(tenant, null, null, "key_a", null, null, null, 10)))
                .containsExactly(r4, r3, r1);
        assertThat(readAll(new RequestLogQuery(tenant, null, null, null, "gpt-4o", null, null, 10)))
                .containsExactly(r4, r2, r1);
        assertThat(readAll(new RequestLogQuery(tenant, null, null, null, null, 429, null, 10)))
                .containsExactly(r2);
        assertThat(readAll(new RequestLogQuery(
                        tenant, T0.plusSeconds(10), T0.plusSeconds(30), null, null, null, null, 10)))
                .containsExactly(r3, r2);
        assertThat(readAll(new RequestLogQuery(tenant, null, null, "key_a", "gpt-4o", 200, null, 10)))
                .containsExactly(r1);
    }

    @Test
    void query_pagesWithoutDuplicatesOrGaps_evenWhenTimesTie() {
        String tenant = unique("ten");
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Five records per instant, so page boundaries fall inside runs of equal timestamps.
            records.add(
                    record(String.format("%s-%02d", tenant, i), tenant, T0.plusSeconds(i / 5), "key_a", "gpt-4o", 200));
        }
        db.requestLog().insertBatch(records);
        List<RequestRecord> newestFirst = records.stream()
                .sorted(Comparator.comparing(RequestRecord::ts)
                        .thenComparing(RequestRecord::requestId)
                        .reversed())
                .toList();

        for (int pageSize : new int[] {1, 3, 7, 25, 100}) {
            assertThat(readAll(RequestLogQuery.forTenant(tenant, pageSize)))
                    .as("page size %d", pageSize)
                    .containsExactlyElementsOf(newestFirst);
        }
    }

    @Test
    void query_newRowsWhilePaging_doNotShiftLaterPages() {
        String tenant = unique("ten");
        List<RequestRecord> records = IntStream.range(0, 6)
                .mapToObj(i -> record(tenant + "-" + i, tenant, T0.plusSeconds(i), "key_a", "gpt-4o", 200))
                .toList();
        db.requestLog().insertBatch(records);

        Page<RequestRecord> first = db.requestLog().query(RequestLogQuery.forTenant(tenant, 3));
        db.requestLog()
                .insertBatch(List.of(record(tenant + "-new", tenant, T0.plusSeconds(99), "key_a", "gpt-4o", 200)));
        Page<RequestRecord> second =
                db.requestLog().query(RequestLogQuery.forTenant(tenant, 3).withCursor(first.nextCursor()));

        assertThat(second.items()).containsExactly(records.get(2), records.get(1), records.get(0));
        assertThat(second.nextCursor()).isNull();
    }

    /**
     * Every combination of filters, at several page sizes, returns what filtering and sorting the rows in memory
     * returns: however the schema indexes the log (SQLite tests the key, model and status filters on the tenant
     * index's entries since schema version 3), the answers stay those of the query's definition.
     */
    @Test
    void query_everyFilterCombination_matchesTheRowsFilteredAndSortedInMemory() {
        String tenant = unique("ten");
        String other = unique("ten");
        SplittableRandom random = new SplittableRandom(42);
        List<String> keys = List.of("key_a", "key_b", "key_c");
        List<String> models = List.of("gpt-4o", "claude-sonnet", "gemini-flash");
        List<Integer> statuses = List.of(200, 200, 200, 429, 502);
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            records.add(record(
                    String.format("req_%012x%08x", i / 3, random.nextInt() & 0x7fffffff),
                    i % 7 == 0 ? other : tenant,
                    T0.plusMillis(1000L * (i / 3)),
                    keys.get(random.nextInt(keys.size())),
                    models.get(random.nextInt(models.size())),
                    statuses.get(random.nextInt(statuses.size()))));
        }
        db.requestLog().insertBatch(records);
        Comparator<RequestRecord> newestFirst = Comparator.comparing(RequestRecord::ts)
                .thenComparing(RequestRecord::requestId)
                .reversed();
        List<Instant[]> ranges = List.of(
                new Instant[] {null, null},
                new Instant[] {T0.plusSeconds(10), null},
                new Instant[] {null, T0.plusSeconds(50)},
                new Instant[] {T0.plusSeconds(20), T0.plusSeconds(21)});

        for (String key : Arrays.asList(null, "key_a", "key_none")) {
            for (String model : Arrays.asList(null, "claude-sonnet")) {
                for (Integer status : Arrays.asList(null, 429)) {
                    for (Instant[] range : ranges) {
                        List<RequestRecord> expected = records.stream()
                                .filter(r -> r.tenantId().equals(tenant))
                                .filter(r -> range[0] == null || !r.ts().isBefore(range[0]))
                                .filter(r -> range[1] == null || r.ts().isBefore(range[1]))
                                .filter(r -> key == null || key.equals(r.keyId()))
                                .filter(r -> model == null || model.equals(r.modelAsked()))
                                .filter(r -> status == null || status == r.status())
                                .sorted(newestFirst)
                                .toList();
                        for (int pageSize : new int[] {1, 7, 100}) {
                            assertThat(readAll(new RequestLogQuery(
                                            tenant, range[0], range[1], key, model, status, null, pageSize)))
                                    .as(
                                            "key %s, model %s, status %s, from %s, to %s, page %d",
                                            key, model, status, range[0], range[1], pageSize)
                                    .containsExactlyElementsOf(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void query_badCursorOrLimit_isRejected() {
        assertThatThrownBy(() ->
                        db.requestLog().query(RequestLogQuery.forTenant("t", 10).withCursor("%%%")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestLogQuery.forTenant("t", RequestLogQuery.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
