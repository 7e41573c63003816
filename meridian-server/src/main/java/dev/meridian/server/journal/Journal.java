package dev.meridian.server.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An append-only journal of records on local disk, in memory-mapped segment files: appending is a memory copy
 * into the page cache, so it costs about as much as filling an in-memory buffer, yet a record appended is on
 * disk even if the process is killed the next instant (the kernel owns the mapped pages; only a machine crash
 * before write-back loses them). One consumer reads records in order and acknowledges what it has stored
 * elsewhere; acknowledged segments are deleted. After a restart, reading resumes at the last acknowledgement,
 * so records stored but not yet acknowledged are read again: the consumer's store must be idempotent.
 *
 * <p>Writers reserve space in the head segment with one atomic add and write concurrently; the reader waits at
 * a record not written yet. A reservation a crash left unfilled is skipped (see {@link Segment} for the layout).
 *
 * <p>Thread-safe for any number of writers and one reader.
 */
public final class Journal implements AutoCloseable {

    private final int segmentBytes;
    private final SegmentFiles segments;
    private final AckFile ack;
    private final AtomicLong dropped = new AtomicLong();

    /** Where the reader is: a segment and an offset in it. */
    public record Position(long segment, int offset) {}

    /** One record read, with the position just after it (acknowledge that once the record is stored). */
    public record Entry(byte[] payload, Position next) {}

    private Position readAt;
    /** The last acknowledged position (where reading started, until the first acknowledgement). */
    private volatile Position acknowledged;
    /** Segments before this one were written before the last start: unfilled places in them are skipped. */
    private final long firstLiveSegment;

    /**
     * Opens (or creates) the journal in {@code dir}.
     *
     * @param segmentBytes size of one segment file; a record must fit in one
     * @param maxBytes     the most the journal may hold unacknowledged on disk; beyond it records are dropped
     *                     and counted (see {@link #dropped()})
     * @throws UncheckedIOException when the directory, its segments or its acknowledgement cannot be read
     */
    public Journal(Path dir, int segmentBytes, long maxBytes) {
        this.segmentBytes = segmentBytes;
        this.ack = new AckFile(dir);
        try {
            segments = new SegmentFiles(dir, segmentBytes, Math.max(2, maxBytes / segmentBytes));
            Position acked = ack.read();
            if (segments.isEmpty()) {
                // After the last acknowledged segment, never inside it: its offset no longer means anything.
                Segment first = segments.startWriting(acked == null ? 0 : acked.segment() + 1);
                firstLiveSegment = first.seq;
                readAt = new Position(first.seq, 0);
            } else {
                // Writers never go back into a segment written before the restart: a new one starts.
                segments.sealAll();
                firstLiveSegment = segments.startWriting(segments.lastSeq() + 1).seq;
                readAt = acked != null && segments.contains(acked.segment())
                        ? acked
                        : new Position(segments.firstSeq(), 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + dir + " cannot be opened: " + e.getMessage(), e);
        }
        acknowledged = readAt;
    }

    /**
     * Appends one record. Never blocks on I/O except when a segment is full and the next one is created.
     *
     * @return false when the journal is full (the record is dropped and counted)
     * @throws IllegalArgumentException when the record does not fit in a segment ({@link #maxRecordBytes()})
     */
    public boolean append(byte[] payload) {
        int size = Segment.align(Segment.HEADER + payload.length);
        if (size > segmentBytes) {
            throw new IllegalArgumentException("record of " + payload.length + " bytes exceeds the segment size");
        }
        while (true) {
            Segment s = segments.head();
            long start = s.reserve(size);
            if (start + size <= segmentBytes) {
                s.write((int) start, payload);
                return true;
            }
            if (start < segmentBytes) {
                // This reservation crossed the end: mark it so the reader moves on, then open the next segment.
                // Only where a header fits: the reader skips a shorter tail without waiting, so a writer must
                // never touch it (the segment may be unmapped by then).
                if (start + Segment.HEADER <= segmentBytes) {
                    s.markEnd((int) start);
                }
                if (!segments.roll(s)) {
                    dropped.incrementAndGet();
                    return false;
                }
            } else if (segments.head() == s && !segments.roll(s)) {
                dropped.incrementAndGet();
                return false;
            }
        }
    }

    /**
     * Reads up to {@code max} complete records after the reader's position. Reader thread only.
     */
    public List<Entry> poll(int max) {
        List<Entry> out = new ArrayList<>(Math.min(max, 256));
        Position p = readAt;
        while (out.size() < max) {
            Segment s = segments.get(p.segment());
            if (s == null) {
                break;
            }
            if (p.offset() + Segment.HEADER > segmentBytes) {
                if (!segments.hasAfter(s.seq)) {
                    break;
                }
                p = new Position(s.seq + 1, 0);
                continue;
            }
            int length = s.lengthAt(p.offset());
            if (length == Segment.END) {
                if (!segments.hasAfter(s.seq)) {
                    break;
                }
                p = new Position(s.seq + 1, 0);
                continue;
            }
            if (length == 0) {
                if (s.seq >= firstLiveSegment) {
                    break; // a writer of this process has reserved this place and is filling it
                }
                int skip = s.recordAfterGap(p.offset());
                if (skip < 0) {
                    if (!segments.hasAfter(s.seq)) {
                        break;
                    }
                    p = new Position(s.seq + 1, 0);
                } else {
                    p = new Position(s.seq, skip);
                }
                continue;
            }
            if (length < 0 || (long) p.offset() + Segment.HEADER + length > segmentBytes) {
                p = new Position(s.seq + 1, 0); // corrupt: the rest of this segment cannot be trusted
                continue;
            }
            byte[] payload = s.payload(p.offset(), length);
            Position next = new Position(s.seq, p.offset() + Segment.align(Segment.HEADER + length));
            if (s.checksumHolds(p.offset(), payload)) {
                out.add(new Entry(payload, next));
            }
            p = next;
        }
        readAt = p;
        return out;
    }

    /** Where the next {@link #poll} starts. Reader thread only. */
    public Position readPosition() {
        return readAt;
    }

    /**
     * Makes the next {@link #poll} start at {@code position} again, a position this reader returned since the last
     * acknowledgement: records read and then not stored (the database refused their batch) are read again from the
     * journal instead of being held in memory. Reader thread only.
     */
    public void rewind(Position position) {
        readAt = position;
    }

    /**
     * Everything up to {@code upTo} is stored: remember it across restarts and delete segments wholly before
     * it. Reader thread only.
     *
     * @throws UncheckedIOException when the acknowledgement cannot be written (no segment is deleted then)
     */
    public void acknowledge(Position upTo) {
        ack.write(upTo);
        acknowledged = upTo;
        segments.deleteBefore(upTo.segment());
    }

    /**
     * With nothing read and unstored, everything the reader has passed is stored: acknowledges it when the reader
     * has left a segment, so segments that held no records, or only records stored before a restart, are deleted
     * instead of piling up (each restart starts a new segment). Reader thread only; call it only while the caller
     * holds no entry it has not stored.
     */
    public void acknowledgeRead() {
        if (readAt.segment() > acknowledged.segment()) {
            acknowledge(new Position(readAt.segment(), 0));
        }
    }

    /** The largest payload one record may have (a segment less its header). */
    public int maxRecordBytes() {
        return segmentBytes - Segment.HEADER;
    }

    /** Records dropped because the journal was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Bytes held on disk by segments not yet acknowledged (at least one segment: the head is always there). */
    public long diskBytes() {
        return segments.diskBytes();
    }

    /**
     * Bytes of records appended and not yet acknowledged, headers and the unused tail of full segments included;
     * 0 when everything is stored. Any thread; a moment's estimate while writers append.
     */
    public long pendingBytes() {
        Position from = acknowledged;
        Segment head = segments.head();
        long bytes = -from.offset();
        for (long seq = from.segment(); seq <= head.seq; seq++) {
            Segment s = seq == head.seq ? head : segments.get(seq);
            if (s != null) {
                bytes += s.reserved();
            }
        }
        return Math.max(0, bytes);
    }

    /** Flushes mapped pages to disk (machine-crash safety at shutdown); the mappings stay valid until unreachable. */
    @Override
    public void close() {
        segments.forceAll();
    }
}
