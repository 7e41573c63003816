package dev.meridian.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.testkit.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer stores a kept record instead of decoding its journal copy only where the two are equal: a record the
 * codec calls verbatim decodes back equal, over random records of every field, and the log stores every record,
 * kept or decoded, leaving nothing kept behind.
 */
class RecordHandoffTest {

    @TempDir
    Path dir;

    private static final String[] TEXTS = {null, "", "gpt-4o", "eu-west-1", "a\u0000b", "中文 🙂", "quote\"back\\slash"};
    private static final String[] IDS = {"req_0193a1b2", "req_with space", "req_\"quoted\"", "req_中", "req_\u0001"};

    private static String text(SplittableRandom r) {
        return TEXTS[r.nextInt(TEXTS.length)];
    }

    private static Double number(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> 0.0;
            case 2 -> r.nextDouble() * 10;
            default -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
        };
    }

    /** A record with every field drawn at random, bodies included. */
    static RequestRecord random(SplittableRandom r, int i) {
        Instant ts = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000), r.nextInt(1_000_000_000));
        if (r.nextBoolean()) {
            ts = ts.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
        Double cost = number(r);
        return new RequestRecord(
                IDS[r.nextInt(IDS.length)] + i,
                ts,
                text(r),
                text(r),
                text(r),
                text(r),
                text(r),
                text(r),
                text(r),
                text(r),
                r.nextInt(100, 600),
                text(r),
                r.nextDouble() * 1000,
                number(r),
                number(r),
                r.nextInt(0, 1_000_000),
                r.nextInt(0, 1_000_000),
                r.nextInt(0, 1000),
                r.nextInt(0, 1000),
                cost,
                r.nextBoolean(),
                r.nextInt(0, 5),
                r.nextInt(0, 3),
                r.nextInt(4) == 0 ? text(r) : null,
                r.nextInt(4) == 0 ? text(r) : null,
                r.nextBoolean(),
                r.nextInt(3) == 0 ? cost : number(r),
                r.nextBoolean() ? null : r.nextLong(),
                r.nextInt(0, 100),
                number(r),
                text(r),
                number(r),
                r.nextInt(3) == 0 ? "{\"EMAIL\":2}" : null);
    }

    @Test
    void aVerbatimRecord_decodesBackEqual_andItsIdIsReadOffTheBytes() throws IOException {
        SplittableRandom r = new SplittableRandom(20261205);
        int verbatim = 0;
        for (int i = 0; i < 20_000; i++) {
            RequestRecord record = random(r, i);
            byte[] encoded = RecordCodec.encode(record);
            if (RecordCodec.journalsVerbatim(record)) {
                verbatim++;
                assertThat(RecordCodec.decode(encoded)).as("record %s", i).isEqualTo(record);
                assertThat(RecordCodec.requestIdOf(encoded)).isEqualTo(record.requestId());
            } else {
                String id = RecordCodec.requestIdOf(encoded);
                assertThat(id).as("an id read off the bytes is the record's").isIn(null, record.requestId());
            }
        }
        assertThat(verbatim).as("records that were verbatim, of 20,000").isBetween(200, 19_800);
    }

    @Test
    void take_givesTheKeptRecord_onlyForItsOwnJournalCopy() {
        RecordHandoff handoff = new RecordHandoff(2);
        SplittableRandom r = new SplittableRandom(1);
        RequestRecord plain = plainRecord(r, 1);
        byte[] journaled = RecordCodec.encode(plain);

        assertThat(handoff.offer(plain, journaled.length)).isTrue();
        assertThat(handoff.offer(plain, journaled.length))
                .as("an id already kept")
                .isFalse();
        assertThat(handoff.take(RecordCodec.encode(plain.withBilledCost(123.0))))
                .as("another copy under the same id is decoded, and the kept one forgotten")
                .isNull();
        assertThat(handoff.size()).isZero();

        assertThat(handoff.offer(plain, journaled.length)).isTrue();
        assertThat(handoff.take(journaled)).isSameAs(plain);
        assertThat(handoff.take(journaled)).as("taken once").isNull();

        assertThat(handoff.offer(plainRecord(r, 2), 1)).isTrue();
        assertThat(handoff.offer(plainRecord(r, 3), 1)).isTrue();
        assertThat(handoff.offer(plainRecord(r, 4), 1)).as("full").isFalse();
        assertThat(handoff.offer(plain.withBodies("prompt", null), 1))
                .as("bodies are journaled sealed")
                .isFalse();
    }

    @Test
    void theLog_storesEveryRecord_keptOrDecoded_andKeepsNothingAfterwards() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // Half plain (kept), half with bodies or U+0000 (decoded from the journal).
            records.add(i % 2 == 0 ? plainRecord(r, i) : plainRecord(r, i).withBodies("the prompt\u0000", "answer"));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Journal journal = new Journal(dir.resolve("journal"), 1 << 20, 4 << 20);
        try (Database db = Database.open(new DatabaseConfig("jdbc:sqlite:" + dir.resolve("log.db"), null, null, 2));
                RequestLog log = new RequestLog(journal, 100, Duration.ofMillis(20), registry)) {
            records.forEach(log::append);
            assertThat(log.handedOff()).as("kept until the database is there").isEqualTo(200);
            log.attach(db.requestLog());
            Poll.until(
                    () -> registry.get("meridian_request_log_written").counter().count() == records.size(),
                    "every record is stored");
            assertThat(log.handedOff()).isZero();
            for (RequestRecord written : records) {
                RequestRecord journaled = RecordCodec.decode(RecordCodec.encode(written));
                RequestRecord stored =
                        db.requestLog().get("ten_1", written.requestId()).orElseThrow();
                assertThat(stored.costUsd()).isEqualTo(journaled.costUsd());
                assertThat(stored.billedCostUsd()).isEqualTo(journaled.billedCostUsd());
                assertThat(stored.prompt()).isEqualTo(journaled.prompt());
                assertThat(stored.ts().toEpochMilli()).isEqualTo(journaled.ts().toEpochMilli());
                assertThat(stored.totalMs()).isEqualTo(journaled.totalMs());
            }
        }
    }

    /** A record as the gateway makes one: plain id, whole microseconds, a billed cost, no U+0000. */
    static RequestRecord plainRecord(SplittableRandom r, int i) {
        double cost = r.nextDouble();
        return new RequestRecord(
                "req_plain_" + i,
                Instant.parse("2026-12-05T01:02:03.123456Z"),
                "ten_1",
                "key_1",
                null,
                "gpt-4o",
                "gpt-4o",
                "dep",
                "openai",
                null,
                200,
                null,
                r.nextDouble() * 100,
                10.0,
                null,
                10,
                20,
                0,
                0,
                cost,
                false,
                1,
                0,
                null,
                null,
                false,
                cost * 0.9,
                null,
                0,
                null,
                null,
                null,
                null);
    }
}
