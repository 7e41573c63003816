package dev.meridian.server.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@link Journal}'s segment files in its directory: those on disk, the head that writers fill, rolling to
 * the next one within a bound on their number, and deleting those acknowledged. Thread-safe: one lock guards
 * the set of segments and the moves of the head; reading the head takes no lock.
 */
final class SegmentFiles {

    private static final Pattern NAME = Pattern.compile("journal-(\\d{12})\\.log");

    private final Path dir;
    private final int segmentBytes;
    private final long maxSegments;
    private final Object lock = new Object();
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private volatile Segment head;

    /** Creates {@code dir} if needed and maps every segment file already in it; no head yet. */
    SegmentFiles(Path dir, int segmentBytes, long maxSegments) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxSegments = maxSegments;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    long seq = Long.parseLong(m.group(1));
                    segments.put(seq, Segment.map(seq, f, segmentBytes));
                }
            }
        }
    }

    /** Whether no segment file was found at start (or all have been deleted since). */
    boolean isEmpty() {
        synchronized (lock) {
            return segments.isEmpty();
        }
    }

    long firstSeq() {
        synchronized (lock) {
            return segments.firstKey();
        }
    }

    long lastSeq() {
        synchronized (lock) {
            return segments.lastKey();
        }
    }

    boolean contains(long seq) {
        synchronized (lock) {
            return segments.containsKey(seq);
        }
    }

    /** Closes every segment found at start to writers: after a restart, writing resumes in a new one. */
    void sealAll() {
        synchronized (lock) {
            for (Segment s : segments.values()) {
                s.seal();
            }
        }
    }

    /** Creates segment {@code seq} and makes it the head. At start only, before any writer. */
    Segment startWriting(long seq) throws IOException {
        head = create(seq);
        return head;
    }

    /** The segment writers fill. */
    Segment head() {
        return head;
    }

    /**
     * Moves the head past {@code full}, unless another writer already did.
     *
     * @return false when the journal already holds as many segments as it may
     * @throws UncheckedIOException when the next segment file cannot be created
     */
    boolean roll(Segment full) {
        synchronized (lock) {
            if (head != full) {
                return true;
            }
            if (segments.size() >= maxSegments) {
                return false;
            }
            try {
                head = create(full.seq + 1);
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("journal segment cannot be created in " + dir, e);
            }
        }
    }

    /** Segment {@code seq}, or null when it does not exist (yet, or any more). */
    Segment get(long seq) {
        synchronized (lock) {
            return segments.get(seq);
        }
    }

    /** Whether a segment after {@code seq} exists, so the reader may leave segment {@code seq}. */
    boolean hasAfter(long seq) {
        synchronized (lock) {
            return segments.higherKey(seq) != null;
        }
    }

    /**
     * Deletes the segments before {@code seq}, except the head. The caller has read every record of them, so
     * every reservation in them was filled and no writer touches them any more.
     */
    void deleteBefore(long seq) {
        List<Segment> done = new ArrayList<>();
        synchronized (lock) {
            for (Segment s : segments.headMap(seq, false).values()) {
                if (s != head) {
                    done.add(s);
                }
            }
            done.forEach(s -> segments.remove(s.seq));
        }
        for (Segment s : done) {
            s.unmap();
            try {
                Files.deleteIfExists(s.file);
            } catch (IOException ignored) {
                // Deleted at the next acknowledgement or start.
            }
        }
    }

    /** Bytes held on disk by the segments. */
    long diskBytes() {
        synchronized (lock) {
            return (long) segments.size() * segmentBytes;
        }
    }

    /** Flushes every segment's mapped pages to disk. */
    void forceAll() {
        synchronized (lock) {
            for (Segment s : segments.values()) {
                s.force();
            }
        }
    }

    /**
     * {@code journal-<seq, 12 digits>.log}. Not String.format: the first Formatter of a process loads the locale
     * data, tens of milliseconds of a start on which the journal's first segment waits.
     */
    static String fileName(long seq) {
        String digits = Long.toString(seq);
        return "journal-" + "0".repeat(Math.max(0, 12 - digits.length())) + digits + ".log";
    }

    private Segment create(long seq) throws IOException {
        Path file = dir.resolve(fileName(seq));
        Segment s = Segment.map(seq, file, segmentBytes);
        synchronized (lock) {
            segments.put(seq, s);
        }
        return s;
    }
}
