package dev.meridian.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.config.StorageConfig;
import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.Subject;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantRetention;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.repo.ErasureRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The retention job against a real database: what one run deletes, keeps, and counts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetentionJobContract {
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    /** The gateway's defaults in these tests: rows 400 days, bodies 90 days. */
    static final StorageConfig.RequestLog CONFIG = StorageConfig.defaults().requestLog();

    protected Database db;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RetentionJob job;

    /** A fresh, empty database. */
    abstract DatabaseConfig database();

    void dropDatabase() {}

    @BeforeAll
    void open() {
        db = Database.open(database());
        job = new RetentionJob(CONFIG, registry, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    void close() {
        db.close();
        dropDatabase();
    }

    Tenant tenant(TenantRetention retention) {
        Tenant t = db.tenants()
                .create("t-" + UUID.randomUUID().toString().substring(0, 8), Plan.BASIC, TenantStatus.ACTIVE, null);
        return db.tenants().update(t.withRetention(retention));
    }

    static RequestRecord record(String tenant, Instant ts, String key, String user) {
        return new RequestRecord(
                "req_" + UUID.randomUUID().toString().replace("-", ""),
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
                10.0,
                9.0,
                1.0,
                100,
                20,
                0,
                0,
                0.001,
                false,
                1,
                0,
                "the prompt",
                "the answer",
                false);
    }

    /** One record per given age in days, written now. */
    List<RequestRecord> aged(String tenant, int... days) {
        List<RequestRecord> out = new ArrayList<>();
        for (int d : days) {
            out.add(record(tenant, NOW.minus(Duration.ofDays(d)), "key_" + tenant, "usr_" + tenant));
        }
        db.requestLog().insertBatch(out);
        return out;
    }

    boolean rowExists(RequestRecord r) {
        return db.requestLog().get(r.tenantId(), r.requestId()).isPresent();
    }

    boolean bodyExists(RequestRecord r) {
        return db.requestLog()
                .get(r.tenantId(), r.requestId())
                .map(x -> x.prompt() != null)
                .orElse(false);
    }

    @Test
    void aRun_purgesEachTenantsRowsAndBodiesByItsOwnRetention_andLeavesTheRest() {
        Tenant shortLived = tenant(new TenantRetention(Duration.ofDays(30), Duration.ofDays(7)));
        Tenant byDefault = tenant(TenantRetention.DEFAULT);
        List<RequestRecord> s = aged(shortLived.id(), 1, 10, 29, 31, 60);
        List<RequestRecord> d = aged(byDefault.id(), 1, 10, 31, 100, 399, 401);
        double before = registry.counter("meridian_retention_rows_purged").count();

        RetentionJob.Report report = job.run(db);

        assertThat(s.subList(0, 3)).allMatch(this::rowExists);
        assertThat(s.subList(3, 5)).noneMatch(this::rowExists);
        assertThat(bodyExists(s.get(0))).isTrue();
        assertThat(s.subList(1, 3)).noneMatch(this::bodyExists);
        assertThat(d.subList(0, 5)).allMatch(this::rowExists);
        assertThat(rowExists(d.get(5))).isFalse();
        assertThat(d.subList(0, 3)).allMatch(this::bodyExists);
        assertThat(d.subList(3, 5)).noneMatch(this::bodyExists);
        assertThat(report.rows()).isGreaterThanOrEqualTo(3);
        assertThat(registry.counter("meridian_retention_rows_purged").count() - before)
                .isEqualTo(report.rows());
    }

    @Test
    void aRecordOfAnErasedSubjectArrivingLate_isErasedByTheNextRun_untilTheRecheckWindowEnds() {
        Tenant t = tenant(TenantRetention.DEFAULT);
        ErasureRepository erasures = new ErasureRepository(db.dataSource(), db.dialect());
        ErasureRepository.Pending p =
                erasures.remember(t.id(), Subject.user("usr_late"), NOW.minusSeconds(60), NOW.plusSeconds(3600));
        // Still in a replica's journal when the erasure ran; written afterwards.
        RequestRecord late = record(t.id(), NOW.minusSeconds(120), "key_late", "usr_late");
        RequestRecord after = record(t.id(), NOW.minusSeconds(30), "key_late", "usr_late");
        db.requestLog().insertBatch(List.of(late, after));

        RetentionJob.Report report = job.run(db);

        assertThat(report.lateErased()).isGreaterThanOrEqualTo(1);
        assertThat(db.requestLog().get(t.id(), late.requestId()).orElseThrow().userId())
                .isNull();
        assertThat(bodyExists(late)).isFalse();
        assertThat(db.requestLog().get(t.id(), after.requestId()).orElseThrow().userId())
                .as("a request made after the erasure is new data")
                .isEqualTo("usr_late");
        assertThat(erasures.pending()).contains(p);

        RetentionJob later =
                new RetentionJob(CONFIG, new SimpleMeterRegistry(), Clock.fixed(NOW.plusSeconds(7200), ZoneOffset.UTC));
        later.run(db);
        assertThat(erasures.pending()).doesNotContain(p);
    }
}
