package dev.meridian.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.testkit.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log's metrics: what operators alert on must read right when everything is stored. */
class RequestLogMetricsTest {

    @TempDir
    Path dir;

    @Test
    void journalBytes_zeroOnceStored_droppedIsACounter() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Journal journal = new Journal(dir.resolve("journal"), 1 << 20, 2 << 20);
        try (Database db = Database.open(new DatabaseConfig("jdbc:sqlite:" + dir.resolve("log.db"), null, null, 2));
                RequestLog log = new RequestLog(journal, 100, Duration.ofMillis(20), registry)) {
            assertThat(registry.get("meridian_request_log_dropped")
                            .functionCounter()
                            .count())
                    .isZero();
            for (int i = 0; i < 250; i++) {
                log.append(TestRecords.record(i, "gpt-4o"));
            }
            assertThat(gauge(registry)).isPositive();

            log.attach(db.requestLog());
            Poll.until(
                    () -> registry.get("meridian_request_log_written").counter().count() == 250 && gauge(registry) == 0,
                    "every record is stored and nothing is pending");
            assertThat(registry.get("meridian_request_log_written").counter().count())
                    .isEqualTo(250);
            assertThat(gauge(registry))
                    .as("nothing pending, though a segment is on disk")
                    .isZero();
            assertThat(db.requestLog().count("ten_1")).isEqualTo(250);
        }
    }

    private static double gauge(SimpleMeterRegistry registry) {
        return registry.get("meridian_request_log_journal_bytes").gauge().value();
    }
}
