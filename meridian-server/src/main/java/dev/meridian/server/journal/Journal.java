package dev.meridian.server.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only journal of records on local disk, in memory-mapped segment files: appending is a memory copy
 * into the page cache, so it costs about as much as filling an in-memory buffer, yet a record appended is on
 * disk even if the process is killed the next instant (the kernel owns the mapped pages; only a machine crash
 * before write-back loses them). One consumer reads records in order and acknowledges what it has stored
 * elsewhere; acknowledged segments are deleted. After a restart, reading resumes at the last acknowledgement,
 * so records stored but not yet acknowledged are read again: the consumer's store must be idempotent.
 *
 * <p>Record layout, 4-byte aligned: {@code int length} (written last, with release semantics), {@code int}
 * CRC-32C of the payload, payload. A length of -1 marks the end of a segment. Writers reserve space with one
 * atomic add and write concurrently; the reader waits at a record whose length is not written yet. After a
 * crash, a reservation that was never filled leaves zeros: recovery skips them up to the next record whose
 * checksum holds.
 *
 * <p>Thread-safe for any number of writers and one reader.
 */
public final class Journal implements AutoCloseable {

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{12})\\.log");
    private static final int HEADER = 8;
    private static final int END = -1;

    private final Path dir;
    private final int segmentBytes;
    private final long maxSegments;
    private final Object rollLock = new Object();
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private volatile Segment head;
    private final AtomicLong dropped = new AtomicLong();

    /** Where the reader is: a segment and an offset in it. */
    public record Position(long segment, int offset) {}

    /** One record read, with the position just after it (acknowledge that once the record is stored). */
    public record Entry(byte[] payload, Position next) {}

    private static final class Segment {
        final long seq;
        final Path file;
        final MappedByteBuffer buffer;
        final AtomicLong tail;

        Segment(long seq, Path file, MappedByteBuffer buffer, long tail) {
            this.seq = seq;
            this.file = file;
            this.buffer = buffer;
            this.tail = new AtomicLong(tail);
        }
    }

    private Position readAt;
    /** Segments before this one were written before the last start: unfilled places in them are skipped. */
    private final long firstLiveSegment;

    /**
     * Opens (or creates) the journal in {@code dir}.
     *
     * @param segmentBytes size of one segment file; a record must fit in one
     * @param maxBytes     the most the journal may hold unacknowledged on disk; beyond it records are dropped
     *                     and counted (see {@link #dropped()})
     */
    public Journal(Path dir, int segmentBytes, long maxBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxSegments = Math.max(2, maxBytes / segmentBytes);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Matcher m = SEGMENT.matcher(f.getFileName().toString());
                    if (m.matches()) {
                        long seq = Long.parseLong(m.group(1));
                        segments.put(seq, map(seq, f, segmentBytes));
                    }
                }
            }
            Position ack = readAck();
            if (segments.isEmpty()) {
                // After the last acknowledged segment, never inside it: its offset no longer means anything.
                Segment first = create(ack == null ? 0 : ack.segment() + 1);
                head = first;
                firstLiveSegment = first.seq;
                readAt = new Position(first.seq, 0);
            } else {
                // Writers never go back into a segment written before the restart: a new one starts.
                for (Segment s : segments.values()) {
                    s.tail.set(segmentBytes);
                }
                head = create(segments.lastKey() + 1);
                firstLiveSegment = head.seq;
                readAt =
                        ack != null && segments.containsKey(ack.segment()) ? ack : new Position(segments.firstKey(), 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal " + dir + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Appends one record. Never blocks on I/O except when a segment is full and the next one is created.
     *
     * @return false when the journal is full (the record is dropped and counted)
     */
    public boolean append(byte[] payload) {
        int size = align(HEADER + payload.length);
        if (size > segmentBytes) {
            throw new IllegalArgumentException("record of " + payload.length + " bytes exceeds the segment size");
        }
        while (true) {
            Segment s = head;
            long start = s.tail.getAndAdd(size);
            if (start + size <= segmentBytes) {
                write(s, (int) start, payload);
                return true;
            }
            if (start < segmentBytes) {
                // This reservation crossed the end: mark it so the reader moves on, then open the next segment.
                // Only where a header fits: the reader skips a shorter tail without waiting, so a writer must
                // never touch it (the segment may be unmapped by then).
                if (start + HEADER <= segmentBytes) {
                    INT.setRelease(s.buffer, (int) start, END);
                }
                if (!roll(s)) {
                    dropped.incrementAndGet();
                    return false;
                }
            } else if (head == s && !roll(s)) {
                dropped.incrementAndGet();
                return false;
            }
        }
    }

    private static void write(Segment s, int start, byte[] payload) {
        ByteBuffer b = s.buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(start + HEADER);
        b.put(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        b.putInt(start + 4, (int) crc.getValue());
        INT.setRelease(s.buffer, start, payload.length);
    }

    private boolean roll(Segment full) {
        synchronized (rollLock) {
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

    /**
     * Reads up to {@code max} complete records after the reader's position. Reader thread only.
     */
    public List<Entry> poll(int max) {
        List<Entry> out = new ArrayList<>(Math.min(max, 256));
        Position p = readAt;
        while (out.size() < max) {
            Segment s;
            synchronized (rollLock) {
                s = segments.get(p.segment());
            }
            if (s == null) {
                break;
            }
            if (p.offset() + HEADER > segmentBytes) {
                if (!hasNext(s)) {
                    break;
                }
                p = new Position(s.seq + 1, 0);
                continue;
            }
            int length = (int) INT.getAcquire(s.buffer, p.offset());
            if (length == END) {
                if (!hasNext(s)) {
                    break;
                }
                p = new Position(s.seq + 1, 0);
                continue;
            }
            if (length == 0) {
                if (s.seq >= firstLiveSegment) {
                    break; // a writer of this process has reserved this place and is filling it
                }
                Position skip = skipGap(s, p.offset());
                if (skip == null) {
                    if (!hasNext(s)) {
                        break;
                    }
                    p = new Position(s.seq + 1, 0);
                } else {
                    p = skip;
                }
                continue;
            }
            if (length < 0 || (long) p.offset() + HEADER + length > segmentBytes) {
                p = new Position(s.seq + 1, 0); // corrupt: the rest of this segment cannot be trusted
                continue;
            }
            byte[] payload = new byte[length];
            ByteBuffer b = s.buffer.duplicate();
            b.position(p.offset() + HEADER);
            b.get(payload);
            Position next = new Position(s.seq, p.offset() + align(HEADER + length));
            if (checksum(s, p.offset(), payload)) {
                out.add(new Entry(payload, next));
            }
            p = next;
        }
        readAt = p;
        return out;
    }

    private boolean hasNext(Segment s) {
        synchronized (rollLock) {
            return segments.higherKey(s.seq) != null;
        }
    }

    /** After a crash: the next record whose checksum holds after a never-filled reservation, or null. */
    private Position skipGap(Segment s, int from) {
        for (int o = from + 4; o + HEADER <= segmentBytes; o += 4) {
            int length = (int) INT.getAcquire(s.buffer, o);
            if (length == END) {
                return new Position(s.seq, o);
            }
            if (length > 0 && (long) o + HEADER + length <= segmentBytes) {
                byte[] payload = new byte[length];
                ByteBuffer b = s.buffer.duplicate();
                b.position(o + HEADER);
                b.get(payload);
                if (checksum(s, o, payload)) {
                    return new Position(s.seq, o);
                }
            }
        }
        return null;
    }

    private static boolean checksum(Segment s, int offset, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return s.buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(offset + 4) == (int) crc.getValue();
    }

    /**
     * Everything up to {@code upTo} is stored: remember it across restarts and delete segments wholly before
     * it. Reader thread only.
     */
    public void acknowledge(Position upTo) {
        try {
            Path tmp = dir.resolve("journal.ack.tmp");
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(
                        (upTo.segment() + " " + upTo.offset()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(
                    tmp,
                    dir.resolve("journal.ack"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("journal acknowledgement cannot be written in " + dir, e);
        }
        List<Segment> done = new ArrayList<>();
        synchronized (rollLock) {
            for (Segment s : segments.headMap(upTo.segment(), false).values()) {
                if (s != head) {
                    done.add(s);
                }
            }
            done.forEach(s -> segments.remove(s.seq));
        }
        for (Segment s : done) {
            // Every record of it was read, so every reservation in it was filled: no writer touches it any more.
            unmap(s.buffer);
            try {
                Files.deleteIfExists(s.file);
            } catch (IOException ignored) {
                // Deleted at the next acknowledgement or start.
            }
        }
    }

    /** The largest payload one record may have (a segment less its header). */
    public int maxRecordBytes() {
        return segmentBytes - HEADER;
    }

    /** Records dropped because the journal was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Bytes held on disk by segments not yet acknowledged. */
    public long diskBytes() {
        synchronized (rollLock) {
            return (long) segments.size() * segmentBytes;
        }
    }

    private Position readAck() throws IOException {
        Path ack = dir.resolve("journal.ack");
        if (!Files.exists(ack)) {
            return null;
        }
        String[] parts = Files.readString(ack).trim().split(" ");
        try {
            return new Position(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
        } catch (RuntimeException unreadable) {
            // Cut short by a machine crash: read everything again (the store ignores what it already has).
            return null;
        }
    }

    private Segment create(long seq) throws IOException {
        Path file = dir.resolve(String.format("journal-%012d.log", seq));
        Segment s = map(seq, file, segmentBytes);
        synchronized (rollLock) {
            segments.put(seq, s);
        }
        return s;
    }

    private static Segment map(long seq, Path file, int size) throws IOException {
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer buffer = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return new Segment(seq, file, buffer, 0);
        }
    }

    /**
     * Releases a mapping now rather than when the garbage collector finds the buffer unreachable: mapped pages
     * count in the process's resident memory, and with a small heap collections are rare.
     */
    private static void unmap(MappedByteBuffer buffer) {
        try {
            UNSAFE_CLEANER.invoke(THE_UNSAFE, buffer);
        } catch (Throwable ignored) {
            // Not available on this JVM: the collector unmaps it later.
        }
    }

    private static final Object THE_UNSAFE;
    private static final java.lang.invoke.MethodHandle UNSAFE_CLEANER;

    static {
        Object unsafe = null;
        java.lang.invoke.MethodHandle cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = MethodHandles.lookup()
                    .findVirtual(
                            type,
                            "invokeCleaner",
                            java.lang.invoke.MethodType.methodType(void.class, ByteBuffer.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            cleaner = null;
        }
        THE_UNSAFE = unsafe;
        UNSAFE_CLEANER = cleaner;
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    /** Flushes mapped pages to disk (machine-crash safety at shutdown); the mappings stay valid until unreachable. */
    @Override
    public void close() {
        synchronized (rollLock) {
            for (Segment s : segments.values()) {
                s.buffer.force();
            }
        }
    }
}
