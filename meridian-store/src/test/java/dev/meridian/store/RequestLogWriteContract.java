package dev.meridian.store;

import static dev.meridian.store.RequestLogRepositoryContract.T0;
import static dev.meridian.store.RequestLogRepositoryContract.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.repo.RequestLogWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the request log's records are written, run against every backend: idempotent, batched, in one transaction. */
public abstract class RequestLogWriteContract extends StoreContract {

    protected RequestLogWriteContract(TestBackend backend) {
        super(backend);
    }

    @Test
    void insertBatch_sameIdsTwice_countsOnce() {
        String tenant = unique("ten");
        List<RequestRecord> batch = IntStream.range(0, 5)
                .mapToObj(i -> record(unique("req"), tenant, T0.plusSeconds(i), "key_a", "gpt-4o", 200))
                .toList();

        assertThat(db.requestLog().insertBatch(batch)).isEqualTo(5);
        assertThat(db.requestLog().insertBatch(batch)).isZero();
        List<RequestRecord> replayWithOneNew = new ArrayList<>(batch);
        replayWithOneNew.add(record(unique("req"), tenant, T0, "key_a", "gpt-4o", 200));
        assertThat(db.requestLog().insertBatch(replayWithOneNew)).isEqualTo(1);
        assertThat(db.requestLog().count(tenant)).isEqualTo(6);
    }

    @Test
    void insertBatch_repeatedIdInsideOneBatch_keepsTheFirst() {
        String tenant = unique("ten");
        String id = unique("req");
        RequestRecord first = record(id, tenant, T0, "key_a", "gpt-4o", 200);
        RequestRecord second = record(id, tenant, T0.plusSeconds(9), "key_b", "gpt-4o", 500);

        assertThat(db.requestLog().insertBatch(List.of(first, second))).isEqualTo(1);
        assertThat(db.requestLog().get(tenant, id)).contains(first);
    }

    @Test
    void insertBatch_largerThanOneStatement_writesEveryRow() {
        String tenant = unique("ten");
        List<RequestRecord> batch = IntStream.range(0, 1203)
                .mapToObj(i -> record(tenant + "-" + i, tenant, T0.plusMillis(i), "key_a", "gpt-4o", 200))
                .toList();
        assertThat(db.requestLog().insertBatch(batch)).isEqualTo(1203);
        assertThat(db.requestLog().insertBatch(batch)).isZero();
        assertThat(db.requestLog().count(tenant)).isEqualTo(1203);
    }

    @Test
    void openWriter_manyBatchesOnOneWriter_eachCommittedAndIdempotent() {
        String tenant = unique("ten");
        try (RequestLogWriter writer = db.requestLog().openWriter()) {
            for (int batch = 0; batch < 3; batch++) {
                int b = batch;
                List<RequestRecord> records = IntStream.range(0, 700)
                        .mapToObj(i -> record(
                                tenant + "-" + b + "-" + i,
                                tenant,
                                T0.plusMillis(b * 1000L + i),
                                "key_a",
                                "gpt-4o",
                                200))
                        .toList();
                assertThat(writer.insertBatch(records)).isEqualTo(700);
                assertThat(writer.insertBatch(records.subList(0, 10))).isZero();
                assertThat(db.requestLog().count(tenant))
                        .as("committed, visible to other connections")
                        .isEqualTo(700L * (b + 1));
            }
            writer.close();
            assertThat(writer.insertBatch(List.of(record(unique("req"), tenant, T0, "key_a", "gpt-4o", 200))))
                    .as("a closed writer opens a new connection")
                    .isEqualTo(1);
        }
        assertThat(db.requestLog().count(tenant)).isEqualTo(2101);
    }

    /** The request log hands a batch over a chunk at a time, read from its journal as the writer asks. */
    @Test
    void insertBatch_inChunks_oneTransaction_keepsTheFirstOfAnIdRepeatedAcrossChunks_withItsBodies() {
        String tenant = unique("ten");
        String repeated = unique("req");
        RequestRecord first =
                record(repeated, tenant, T0, "key_a", "gpt-4o", 200).withBodies("{\"q\":1}", "{\"a\":2}");
        List<List<RequestRecord>> chunks = List.of(
                List.of(first, record(unique("req"), tenant, T0.plusSeconds(1), "key_a", "gpt-4o", 200)),
                List.of(
                        record(repeated, tenant, T0.plusSeconds(2), "key_b", "gpt-4o", 500),
                        record(unique("req"), tenant, T0.plusSeconds(3), "key_a", "gpt-4o", 200)),
                List.of(record(unique("req"), tenant, T0.plusSeconds(4), "key_a", "gpt-4o", 429)));
        List<Long> visibleWhenAsked = new ArrayList<>();
        Iterator<List<RequestRecord>> source = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < chunks.size();
            }

            @Override
            public List<RequestRecord> next() {
                visibleWhenAsked.add(db.requestLog().count(tenant));
                return chunks.get(next++);
            }
        };

        try (RequestLogWriter writer = db.requestLog().openWriter()) {
            assertThat(writer.insertBatch(source)).isEqualTo(4);
        }

        assertThat(visibleWhenAsked)
                .as("nothing committed before the last chunk")
                .containsExactly(0L, 0L, 0L);
        assertThat(db.requestLog().count(tenant)).isEqualTo(4);
        assertThat(db.requestLog().get(tenant, repeated)).contains(first);
    }
}
