package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.model.Page;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.SavedResponse;
import dev.meridian.store.model.Subject;
import dev.meridian.store.repo.ErasureRepository;
import dev.meridian.store.repo.RetentionRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retention purges, erasure and export of a subject's request data, on every backend. */
public abstract class RetentionContract extends StoreContract {
    protected static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

    protected RetentionRepository retention;
    protected ErasureRepository erasure;

    protected RetentionContract(TestBackend backend) {
        super(backend);
    }

    @BeforeAll
    void repositories() {
        retention = new RetentionRepository(db.dataSource(), db.dialect());
        erasure = new ErasureRepository(db.dataSource(), db.dialect());
    }

    protected static RequestRecord record(String tenant, Instant ts, String key, String user, String prompt) {
        return new RequestRecord(
                unique("req"),
                ts,
                tenant,
                key,
                user,
                "gpt-4o",
                "gpt-4o-2024",
                "dep-a",
                "openai",
                "eu-west",
                200,
                null,
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
                prompt,
                prompt + " answered",
                false);
    }

    private List<RequestRecord> daily(String tenant, int days, String key, String user) {
        List<RequestRecord> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            out.add(record(tenant, NOW.minus(Duration.ofDays(d)), key, user, "prompt of day " + d));
        }
        db.requestLog().insertBatch(out);
        return out;
    }

    private boolean exists(RequestRecord r) {
        return db.requestLog().get(r.tenantId(), r.requestId()).isPresent();
    }

    private String prompt(RequestRecord r) {
        return db.requestLog().get(r.tenantId(), r.requestId()).orElseThrow().prompt();
    }

    @Test
    void purgeRows_deletesExactlyTheTenantsRowsOlderThanTheCutoff_andLeavesOtherTenants() {
        String a = newTenant().id();
        String b = newTenant().id();
        List<RequestRecord> rowsA = daily(a, 10, "key_a", "usr_a");
        List<RequestRecord> rowsB = daily(b, 10, "key_b", "usr_b");
        Instant cutoff = NOW.minus(Duration.ofDays(7)).plusSeconds(1); // days 7, 8, 9 are older

        int deleted = 0;
        int batch;
        do {
            batch = retention.purgeRows(a, cutoff, 2);
            deleted += batch;
        } while (batch == 2);

        assertThat(deleted).isEqualTo(3);
        assertThat(db.requestLog().count(a)).isEqualTo(7);
        assertThat(rowsA.subList(0, 7)).allMatch(this::exists);
        assertThat(rowsA.subList(7, 10)).noneMatch(this::exists);
        assertThat(db.requestLog().count(b)).isEqualTo(10);
        assertThat(rowsB).allMatch(this::exists);
        assertThat(bodyCount(rowsA.subList(7, 10))).isZero();
    }

    @Test
    void purgeBodies_deletesBodiesOlderThanTheCutoff_keepsTheRows_andResumesWhereItStopped() {
        String a = newTenant().id();
        String b = newTenant().id();
        List<RequestRecord> rowsA = daily(a, 6, "key_a", "usr_a");
        List<RequestRecord> rowsB = daily(b, 6, "key_b", "usr_b");
        Instant cutoff = NOW.minus(Duration.ofDays(2)).plusSeconds(1); // bodies of days 2..5 go

        RetentionRepository.Batch first = retention.purgeBodies(a, RetentionRepository.Position.START, cutoff, 3);
        assertThat(first.deleted()).isEqualTo(3);
        assertThat(first.done()).isFalse();
        RetentionRepository.Batch second = retention.purgeBodies(a, first.next(), cutoff, 3);
        assertThat(second.deleted()).isEqualTo(1);
        assertThat(second.done()).isTrue();

        assertThat(db.requestLog().count(a)).isEqualTo(6);
        assertThat(rowsA.subList(0, 2)).allMatch(r -> prompt(r) != null);
        assertThat(rowsA.subList(2, 6)).allMatch(r -> prompt(r) == null);
        assertThat(rowsB).allMatch(r -> prompt(r) != null);
    }

    @Test
    void purgeRows_ofRowsWithoutATenant_leavesTenantRows() {
        String a = newTenant().id();
        RequestRecord old = record(null, NOW.minus(Duration.ofDays(40)), "config:ops", null, "p");
        RequestRecord tenantOld = record(a, NOW.minus(Duration.ofDays(40)), "key_a", "usr_a", "p");
        db.requestLog().insertBatch(List.of(old, tenantOld));

        retention.purgeRows(null, NOW.minus(Duration.ofDays(30)), 100);

        assertThat(db.requestLog().get(null, old.requestId())).isEmpty();
        assertThat(exists(tenantOld)).isTrue();
    }

    @Test
    void eraseUser_anonymisesTheirRows_deletesBodiesAndResponses_andLeavesOtherSubjects() {
        String t = newTenant().id();
        List<RequestRecord> alice = daily(t, 5, "key_alice", "usr_alice");
        List<RequestRecord> bob = daily(t, 3, "key_bob", "usr_bob");
        saveResponse(t, "resp_alice", "key_alice");
        saveResponse(t, "resp_bob", "key_bob");
        long tokensBefore = totalInputTokens(t);

        ErasureRepository.Counts counts = erasure.erase(t, Subject.user("usr_alice"), NOW.plusSeconds(1), 2);

        assertThat(counts).isEqualTo(new ErasureRepository.Counts(5, 5, 1));
        for (RequestRecord r : alice) {
            RequestRecord after = db.requestLog().get(t, r.requestId()).orElseThrow();
            assertThat(after.userId()).isNull();
            assertThat(after.keyId()).isNull();
            assertThat(after.prompt()).isNull();
            assertThat(after.completion()).isNull();
            assertThat(after.inputTokens()).isEqualTo(r.inputTokens());
        }
        assertThat(bob)
                .allMatch(r -> "usr_bob"
                                .equals(db.requestLog()
                                        .get(t, r.requestId())
                                        .orElseThrow()
                                        .userId())
                        && prompt(r) != null);
        assertThat(db.responses().find(t, "resp_alice", NOW)).isEmpty();
        assertThat(db.responses().find(t, "resp_bob", NOW)).isPresent();
        assertThat(totalInputTokens(t)).isEqualTo(tokensBefore);
        assertThat(erasure.requestIds(t, Subject.user("usr_alice"), null, 100).items())
                .isEmpty();
        assertThat(erasure.requestIds(t, Subject.user("usr_bob"), null, 100).items())
                .hasSize(3);
    }

    @Test
    void eraseKey_anonymisesOnlyThatKeysRows_andAReplayedRecordStaysErased() {
        String t = newTenant().id();
        List<RequestRecord> k1 = daily(t, 4, "key_one", "usr_carol");
        List<RequestRecord> k2 = daily(t, 2, "key_two", "usr_carol");

        ErasureRepository.Counts counts = erasure.erase(t, Subject.key("key_one"), NOW.plusSeconds(1), 10);
        // The journal hands the same records again after a crash: they must not bring the subject back.
        assertThat(db.requestLog().insertBatch(k1)).isZero();

        assertThat(counts.requests()).isEqualTo(4);
        assertThat(k1)
                .allMatch(
                        r -> db.requestLog().get(t, r.requestId()).orElseThrow().keyId() == null);
        assertThat(k1).allMatch(r -> prompt(r) == null);
        assertThat(k2)
                .allMatch(r -> "key_two"
                        .equals(db.requestLog()
                                .get(t, r.requestId())
                                .orElseThrow()
                                .keyId()));
        assertThat(erasure.requestIds(t, Subject.key("key_one"), null, 10).items())
                .isEmpty();
        assertThat(erasure.requestIds(t, Subject.user("usr_carol"), null, 10).items())
                .hasSize(2);
    }

    @Test
    void erase_leavesRecordsOfRequestsMadeAfterItsTime() {
        String t = newTenant().id();
        RequestRecord before = record(t, NOW.minusSeconds(60), "key_d", "usr_dave", "p");
        RequestRecord after = record(t, NOW.plusSeconds(60), "key_d", "usr_dave", "p");
        db.requestLog().insertBatch(List.of(before, after));

        erasure.erase(t, Subject.user("usr_dave"), NOW, 10);

        assertThat(db.requestLog().get(t, before.requestId()).orElseThrow().userId())
                .isNull();
        assertThat(db.requestLog().get(t, after.requestId()).orElseThrow().userId())
                .isEqualTo("usr_dave");
    }

    @Test
    void requestIds_pagesThroughTheSubjectsRecordsNewestFirst_andResponseIdsByTheirKeys() {
        String t = newTenant().id();
        List<RequestRecord> rows = daily(t, 5, "key_e", "usr_erin");
        daily(t, 2, "key_f", "usr_frank");
        saveResponse(t, "resp_e1", "key_e");
        saveResponse(t, "resp_e2", "key_e");
        saveResponse(t, "resp_f1", "key_f");

        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Page<String> page = erasure.requestIds(t, Subject.key("key_e"), cursor, 2);
            ids.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(ids)
                .containsExactlyElementsOf(
                        rows.stream().map(RequestRecord::requestId).toList());
        Page<String> first = erasure.responseIds(t, Subject.key("key_e"), null, 1);
        assertThat(first.items()).containsExactly("resp_e1");
        assertThat(erasure.responseIds(t, Subject.key("key_e"), first.nextCursor(), 1)
                        .items())
                .containsExactly("resp_e2");
    }

    @Test
    void pendingErasures_areRememberedUntilForgotten() {
        String t = newTenant().id();
        ErasureRepository.Pending p = erasure.remember(t, Subject.key("key_z"), NOW, NOW.plus(Duration.ofDays(1)));

        assertThat(erasure.pending()).contains(p);
        erasure.forget(p.id());
        assertThat(erasure.pending()).doesNotContain(p);
    }

    private void saveResponse(String owner, String id, String key) {
        db.responses()
                .save(new SavedResponse(
                        owner, id, key, "gpt-4o", NOW, NOW.plus(Duration.ofDays(30)), "{\"id\":\"" + id + "\"}", "[]"));
    }

    private long bodyCount(List<RequestRecord> rows) {
        return rows.stream().filter(this::exists).filter(r -> prompt(r) != null).count();
    }

    private long totalInputTokens(String tenant) {
        try (var c = db.dataSource().getConnection();
                var ps = c.prepareStatement("SELECT SUM(input_tokens) FROM request_log WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
