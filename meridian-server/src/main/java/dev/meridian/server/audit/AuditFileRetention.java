package dev.meridian.server.audit;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.rolling.helper.FileNamePattern;
import ch.qos.logback.core.rolling.helper.RollingCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rotated audit files beyond {@code maxHistory} periods or {@code totalSizeCap} bytes, on the thread that
 * writes the audit file. Logback's own archive remover is not used: it runs asynchronously, one task per rollover,
 * and concurrent tasks share one {@link RollingCalendar} (a mutable {@code GregorianCalendar}), so rapid rollovers
 * computed the current period as stale and deleted files written seconds before (one run in 300 of a test rotating
 * every three lines lost its first four files). Here one thread computes, so an audit line is only ever deleted for
 * its age or the size cap.
 *
 * <p>A rotated file's period is read from its modification time, which is within the period it was written in.
 */
final class AuditFileRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditFileRetention.class);
    private static final long CHECK_EVERY_MILLIS = 60_000;

    private final Path dir;
    private final Pattern rotatedName;
    private final RollingCalendar calendar;
    private final int maxHistory;
    private final long totalSizeCap;
    private long nextCheck = Long.MIN_VALUE;

    /**
     * @param dir the directory of the current and rotated files
     * @param pattern rotated files' name, relative to {@code dir}, as logback's rolling appender takes it
     * @param maxHistory rotated files of more than this many periods ago are deleted; 0 keeps them for ever
     * @param totalSizeCap the oldest rotated files are deleted while they take more bytes than this; 0 for no cap
     */
    AuditFileRetention(Path dir, String pattern, int maxHistory, long totalSizeCap, Context context) {
        FileNamePattern names = new FileNamePattern(pattern, context);
        this.dir = dir;
        this.rotatedName = Pattern.compile(names.toRegex());
        this.calendar = new RollingCalendar(names.getPrimaryDateTokenConverter().getDatePattern());
        this.maxHistory = maxHistory;
        this.totalSizeCap = totalSizeCap;
    }

    /** Applies the limits at most once a minute of {@code nowMillis}. */
    void maybeApply(long nowMillis) {
        if (nowMillis >= nextCheck) {
            nextCheck = nowMillis + CHECK_EVERY_MILLIS;
            apply(nowMillis);
        }
    }

    /** Deletes what is past {@code maxHistory} periods before {@code nowMillis}, then the oldest beyond the cap. */
    void apply(long nowMillis) {
        if (maxHistory <= 0 && totalSizeCap <= 0) {
            return;
        }
        try {
            List<Path> rotated = rotatedOldestFirst();
            if (maxHistory > 0) {
                // The start of the oldest period kept (the current one and maxHistory before it), as logback keeps.
                long cutoff = calendar.getEndOfNextNthPeriod(Instant.ofEpochMilli(nowMillis), -maxHistory)
                        .toEpochMilli();
                List<Path> kept = new ArrayList<>();
                for (Path p : rotated) {
                    if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                        delete(p, "older than " + maxHistory + " periods");
                    } else {
                        kept.add(p);
                    }
                }
                rotated = kept;
            }
            if (totalSizeCap > 0) {
                long total = 0;
                for (Path p : rotated) {
                    total += Files.size(p);
                }
                for (int i = 0; total > totalSizeCap && i < rotated.size(); i++) {
                    long size = Files.size(rotated.get(i));
                    delete(rotated.get(i), "over the total size cap of " + totalSizeCap + " bytes");
                    total -= size;
                }
            }
        } catch (IOException e) {
            LOG.warn("audit file retention in {}: {}", dir, e.toString());
        }
    }

    private List<Path> rotatedOldestFirst() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            p -> rotatedName.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(AuditFileRetention::modified))
                    .toList();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void delete(Path p, String why) throws IOException {
        Files.deleteIfExists(p);
        LOG.info("audit file {} deleted: {}", p, why);
    }
}
