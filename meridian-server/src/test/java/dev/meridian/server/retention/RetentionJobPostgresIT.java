package dev.meridian.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.PostgresSchema;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.TenantRetention;
import dev.meridian.store.repo.RequestLogPartitions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On PostgreSQL a run also creates the coming months' partitions and drops those past the longest retention. */
class RetentionJobPostgresIT extends RetentionJobContract {
    private PostgresSchema schema;

    @Override
    DatabaseConfig database() {
        try {
            schema = PostgresSchema.create("retention");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new DatabaseConfig(PostgresSchema.URL + "?currentSchema=" + schema.name(), "postgres", null, 4);
    }

    @Override
    void dropDatabase() {
        try {
            schema.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRun_createsTheComingMonths_andDropsMonthsPastTheLongestRetention() {
        RequestLogPartitions partitions = new RequestLogPartitions(db.dataSource(), db.dialect());
        String t = tenant(TenantRetention.DEFAULT).id();
        // 500 days ago: its month is past the default 400 days (the longest in force here).
        partitions.createAhead(NOW.minus(Duration.ofDays(500)), 0);
        RequestRecord ancient = record(t, NOW.minus(Duration.ofDays(500)), "k", "u");
        RequestRecord recent = record(t, NOW.minus(Duration.ofDays(3)), "k", "u");
        db.requestLog().insertBatch(List.of(ancient, recent));

        RetentionJob.Report report =
                new RetentionJob(CONFIG, new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC)).run(db);

        List<YearMonth> months = partitions.list().stream()
                .map(RequestLogPartitions.Partition::month)
                .toList();
        assertThat(months).contains(YearMonth.of(2026, 6), YearMonth.of(2026, 7), YearMonth.of(2026, 8));
        assertThat(months)
                .doesNotContain(YearMonth.from(NOW.minus(Duration.ofDays(500)).atZone(ZoneOffset.UTC)));
        assertThat(months)
                .allMatch(m -> !m.plusMonths(1)
                        .atDay(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .isBefore(NOW.minus(Duration.ofDays(400))));
        assertThat(report.partitionsDropped()).isGreaterThanOrEqualTo(1);
        assertThat(rowExists(ancient)).isFalse();
        assertThat(rowExists(recent)).isTrue();
    }
}
