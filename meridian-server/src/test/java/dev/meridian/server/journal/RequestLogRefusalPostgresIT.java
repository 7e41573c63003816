package dev.meridian.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.PostgresSchema;
import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.testkit.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch the database refuses for one record's content is read again from the journal and written record by
 * record: the refused one is skipped and counted, every other one stored once, whichever chunk of the batch they
 * were read in.
 */
class RequestLogRefusalPostgresIT {

    @TempDir
    Path dir;

    private PostgresSchema schema;

    @AfterEach
    void drop() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void oneRefusedRecordInAManyChunkBatch_isSkipped_andEveryOtherIsStoredOnce() throws Exception {
        schema = PostgresSchema.create("t_refusal");
        String url = PostgresSchema.URL + "?currentSchema=" + schema.name();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Database db = Database.open(new DatabaseConfig(url, "postgres", null, 2));
                RequestLog log = new RequestLog(
                        new Journal(dir.resolve("journal"), 1 << 20, 64 << 20),
                        5000,
                        Duration.ofMillis(20),
                        registry)) {
            try (Connection c = DriverManager.getConnection(url, "postgres", null);
                    Statement s = c.createStatement()) {
                s.execute("ALTER TABLE request_log ADD CONSTRAINT refuse_one CHECK (model_asked <> 'refused')");
            }
            // 1,300 records: three chunks of the writer's 500, the refused one in the second.
            for (int i = 0; i < 1300; i++) {
                log.append(TestRecords.record(i, i == 777 ? "refused" : "gpt-4o"));
            }

            log.attach(db.requestLog());
            Poll.until(
                    () -> registry.get("meridian_request_log_skipped").counter().count() == 1
                            && registry.get("meridian_request_log_written")
                                            .counter()
                                            .count()
                                    == 1299,
                    "the refused record is skipped and the others are stored");

            assertThat(db.requestLog().count("ten_1")).isEqualTo(1299);
            assertThat(db.requestLog().get("ten_1", "req_777")).isEmpty();
            assertThat(db.requestLog().get("ten_1", "req_1299")).isPresent();
            assertThat(log.databaseDown()).isFalse();
        }
    }
}
