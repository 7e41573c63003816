package dev.meridian.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.ChainedAuditEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rotated JSON-lines file: one line per entry with its chain fields, rotated by size and by day. */
class AuditFileSinkTest {

    // Today (logback deletes rotated files older than maxHistory periods before the real clock) and tomorrow.
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final long DAY_ONE =
            TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 1000;
    private static final long DAY_TWO =
            TODAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 1000;

    @TempDir
    Path dir;

    static ChainedAuditEntry entry(long seq) {
        AuditEntry e = new AuditEntry(
                seq,
                Instant.ofEpochMilli(DAY_ONE),
                "usr_admin",
                "ten_a",
                "key.rotate",
                "key",
                "key_" + seq,
                null,
                "{\"n\":" + seq + "}",
                "10.0.0.7");
        return new ChainedAuditEntry(e, seq, "p".repeat(64), "h".repeat(63) + (seq % 10));
    }

    private AuditFileSink sink(long maxFileSize) {
        return new AuditFileSink(
                dir.resolve("audit.jsonl"), "audit.%d{yyyy-MM-dd}.%i.jsonl", maxFileSize, 30, 0, null, DAY_ONE);
    }

    @Test
    void writesOneLinePerEntry_withItsChainFields() throws IOException {
        try (AuditFileSink sink = sink(1 << 20)) {
            sink.accept(List.of(entry(1), entry(2)));
        }
        List<String> lines = Files.readAllLines(dir.resolve("audit.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.path("seq").asLong()).isEqualTo(1);
        assertThat(first.path("hash").asText()).isEqualTo("h".repeat(63) + "1");
        assertThat(first.path("prev_hash").asText()).hasSize(64);
        assertThat(first.path("after").path("n").asInt()).isEqualTo(1);
        assertThat(first.path("action").asText()).isEqualTo("key.rotate");
    }

    // Repeated: logback's own asynchronous remover, which this sink no longer uses, deleted the current period's
    // first files in about one run in 300 when rollovers came milliseconds apart (AuditFileRetention).
    @RepeatedTest(200)
    void rotatesBySize_keepingEveryLine_withAHistoryLimit() throws IOException {
        try (AuditFileSink sink = sink(1024)) {
            for (long i = 1; i <= 40; i++) {
                sink.accept(List.of(entry(i)));
            }
        }
        List<Path> rotated = files("audit." + TODAY + ".");
        assertThat(rotated).hasSizeGreaterThan(1);
        assertThat(allSeqs()).containsExactlyInAnyOrderElementsOf(range(40));
    }

    @Test
    void rotatesWhenTheDayChanges() throws IOException {
        try (AuditFileSink sink = sink(1 << 20)) {
            sink.accept(List.of(entry(1), entry(2)));
            sink.setTimeForTest(DAY_TWO);
            sink.accept(List.of(entry(3)));
        }
        assertThat(files("audit." + TODAY + ".")).hasSize(1);
        assertThat(Files.readAllLines(files("audit." + TODAY + ".").get(0))).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).hasSize(1).allMatch(l -> l.contains("\"seq\":3"));
    }

    @Test
    void deletesRotatedFilesOlderThanMaxHistoryPeriods_andKeepsTheRest() throws IOException {
        Path old = rotatedFile("audit.2020-01-01.0.jsonl", 31);
        Path recent = rotatedFile("audit.2020-01-02.0.jsonl", 29);
        Path unrelated = rotatedFile("notes.2020-01-01.0.txt", 400);
        try (AuditFileSink sink = sink(1 << 20)) {
            sink.accept(List.of(entry(1)));
        }
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void deletesTheOldestRotatedFilesBeyondTheTotalSizeCap() throws IOException {
        Path oldest = rotatedFile("audit.2020-01-01.0.jsonl", 3);
        Path middle = rotatedFile("audit.2020-01-02.0.jsonl", 2);
        Path newest = rotatedFile("audit.2020-01-03.0.jsonl", 1);
        try (AuditFileSink sink = new AuditFileSink(
                dir.resolve("audit.jsonl"), "audit.%d{yyyy-MM-dd}.%i.jsonl", 1 << 20, 0, 2500, null, DAY_ONE)) {
            sink.accept(List.of(entry(1)));
        }
        assertThat(oldest).doesNotExist();
        assertThat(middle).exists();
        assertThat(newest).exists();
    }

    /** A 1,000-byte file last written {@code daysAgo} days before DAY_ONE. */
    private Path rotatedFile(String name, int daysAgo) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "x".repeat(1000));
        Files.setLastModifiedTime(p, FileTime.fromMillis(DAY_ONE - daysAgo * 86_400_000L));
        return p;
    }

    private List<Path> files(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    private List<Long> allSeqs() throws IOException {
        List<Long> seqs = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                for (String line : Files.readAllLines(p)) {
                    seqs.add(mapper.readTree(line).path("seq").asLong());
                }
            }
        }
        return seqs;
    }

    private static List<Long> range(long n) {
        List<Long> r = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            r.add(i);
        }
        return r;
    }
}
