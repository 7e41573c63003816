package dev.meridian.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<Journal.Entry> entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(new String(e.payload(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void recordsAreReadInOrder_once() {
        try (Journal j = new Journal(dir, 64 * 1024, 1 << 20)) {
            j.append(bytes("one"));
            j.append(bytes("two"));
            assertThat(texts(j.poll(10))).containsExactly("one", "two");
            assertThat(j.poll(10)).isEmpty();
            j.append(bytes("three"));
            assertThat(texts(j.poll(10))).containsExactly("three");
        }
    }

    @Test
    void pendingBytes_countsWhatIsNotAcknowledged_zeroWhenAllIsStored() {
        try (Journal j = new Journal(dir, 4096, 1 << 20)) {
            assertThat(j.pendingBytes()).isZero();
            assertThat(j.diskBytes())
                    .as("the head segment is on disk all the same")
                    .isEqualTo(4096);
            for (int i = 0; i < 100; i++) {
                j.append(new byte[100]);
            }
            long pending = j.pendingBytes();
            assertThat(pending).as("100 records over several segments").isGreaterThan(100 * 100);
            List<Journal.Entry> half = j.poll(50);
            j.acknowledge(half.get(49).next());
            assertThat(j.pendingBytes()).isBetween(1L, pending - 50 * 100);
            List<Journal.Entry> rest = j.poll(100);
            assertThat(rest).hasSize(50);
            j.acknowledge(rest.get(49).next());
            assertThat(j.pendingBytes()).isZero();
        }
        try (Journal j = new Journal(dir, 4096, 1 << 20)) {
            assertThat(j.pendingBytes())
                    .as("after a restart with everything stored")
                    .isZero();
        }
    }

    @Test
    void afterARestart_readingResumesAtTheAcknowledgement_andUnacknowledgedRecordsComeAgain() {
        try (Journal j = new Journal(dir, 64 * 1024, 1 << 20)) {
            j.append(bytes("stored"));
            j.append(bytes("read but not stored"));
            List<Journal.Entry> read = j.poll(10);
            j.acknowledge(read.get(0).next());
            j.append(bytes("never read"));
        }
        try (Journal j = new Journal(dir, 64 * 1024, 1 << 20)) {
            assertThat(texts(j.poll(10))).containsExactly("read but not stored", "never read");
            j.append(bytes("after restart"));
            assertThat(texts(j.poll(10))).containsExactly("after restart");
        }
    }

    @Test
    void restartsWithNothingToStore_leaveOneSegment_notOnePerRestart() throws Exception {
        for (int restart = 0; restart < 5; restart++) {
            try (Journal j = new Journal(dir, 64 * 1024, 1 << 20)) {
                if (restart == 2) {
                    j.append(bytes("stored before the next restart"));
                    List<Journal.Entry> read = j.poll(10);
                    j.acknowledge(read.get(0).next());
                }
                assertThat(j.poll(10)).isEmpty();
                j.acknowledgeRead();
            }
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("journal-")))
                    .hasSize(1);
        }
        try (Journal j = new Journal(dir, 64 * 1024, 1 << 20)) {
            j.append(bytes("after the restarts"));
            assertThat(texts(j.poll(10))).containsExactly("after the restarts");
        }
    }

    @Test
    void acknowledgeRead_keepsSegmentsWithRecordsNotYetStored() throws Exception {
        try (Journal j = new Journal(dir, 64 * 1024, 1 << 20)) {
            j.append(bytes("read, not stored"));
        }
        try (Journal j = new Journal(dir, 64 * 1024, 1 << 20)) {
            j.acknowledgeRead(); // nothing read yet: the old segment's record is still to come
        }
        try (Journal j = new Journal(dir, 64 * 1024, 1 << 20)) {
            assertThat(texts(j.poll(10))).containsExactly("read, not stored");
        }
    }

    @Test
    void concurrentWriters_acrossManySegments_loseNothing_andAcknowledgedSegmentsAreDeleted() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        Set<String> seen = new HashSet<>();
        try (Journal j = new Journal(dir, 8 * 1024, 64L << 20)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        j.append(bytes("{\"writer\":" + thread + ",\"n\":" + i + "}"));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            while (true) {
                List<Journal.Entry> batch = j.poll(1000);
                if (batch.isEmpty()) {
                    break;
                }
                texts(batch)
                        .forEach(s ->
                                assertThat(seen.add(s)).as("read once: %s", s).isTrue());
                j.acknowledge(batch.get(batch.size() - 1).next());
            }
        }
        assertThat(seen).hasSize(threads * perThread);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".log"))
                            .count())
                    .isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aReservationNeverFilledBeforeACrash_isSkipped_andTheRecordsAfterItAreRead() throws Exception {
        // A segment as a killed process leaves it: a record, a reserved but unwritten place, another record.
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        int at = put(b, 0, bytes("before"));
        at += 24; // the unwritten reservation: zeros
        put(b, at, bytes("after"));
        Files.write(dir.resolve("journal-000000000000.log"), b.array());

        try (Journal j = new Journal(dir, 4096, 1 << 20)) {
            assertThat(texts(j.poll(10))).containsExactly("before", "after");
        }
    }

    @Test
    void aFullJournal_dropsAndCounts_insteadOfBlocking() {
        try (Journal j = new Journal(dir, 4096, 2 * 4096)) {
            int accepted = 0;
            for (int i = 0; i < 1000; i++) {
                if (j.append(new byte[100])) {
                    accepted++;
                }
            }
            assertThat(accepted).isBetween(70, 80);
            assertThat(j.dropped()).isEqualTo(1000 - accepted);
        }
    }

    private static int put(ByteBuffer b, int at, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        b.putInt(at, payload.length);
        b.putInt(at + 4, (int) crc.getValue());
        b.put(at + 8, payload);
        return at + ((8 + payload.length + 3) & ~3);
    }
}
