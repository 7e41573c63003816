package dev.meridian.server.journal;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * One memory-mapped segment file of the {@link Journal} and the layout of the records in it.
 *
 * <p>Record layout, 4-byte aligned: {@code int length} (written last, with release semantics), {@code int}
 * CRC-32C of the payload, payload. A length of -1 ({@link #END}) marks the end of a segment. Writers reserve
 * space with one atomic add ({@link #reserve}) and write concurrently; the reader waits at a record whose length
 * is not written yet. After a crash, a reservation that was never filled leaves zeros: recovery skips them up to
 * the next record whose checksum holds ({@link #recordAfterGap}).
 */
final class Segment {

    /** Bytes before a record's payload: its length and its checksum. */
    static final int HEADER = 8;
    /** The length that marks the end of a segment: the rest of it holds no record. */
    static final int END = -1;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    final long seq;
    final Path file;
    private final MappedByteBuffer buffer;
    private final int size;
    private final AtomicLong tail = new AtomicLong();
    /** For a segment sealed at start: where its records end (-1 while writers may still fill it). */
    private volatile int sealedEnd = -1;

    private Segment(long seq, Path file, MappedByteBuffer buffer, int size) {
        this.seq = seq;
        this.file = file;
        this.buffer = buffer;
        this.size = size;
    }

    /** Maps {@code size} bytes of {@code file}, creating it when missing; writers start at its beginning. */
    static Segment map(long seq, Path file, int size) throws IOException {
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer buffer = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            return new Segment(seq, file, buffer, size);
        }
    }

    /** {@code n} rounded up to the record alignment. */
    static int align(int n) {
        return (n + 3) & ~3;
    }

    /** Reserves {@code bytes} for one writer: the offset where its record starts (past the end when full). */
    long reserve(int bytes) {
        return tail.getAndAdd(bytes);
    }

    /** Bytes reserved so far, at most the segment's size; for a sealed segment, where its records end. */
    long reserved() {
        int end = sealedEnd;
        return end >= 0 ? end : Math.min(tail.get(), size);
    }

    /** Closes this segment to writers: one written before a restart is never written again. */
    void seal() {
        sealedEnd = recordsEnd();
        tail.set(size);
    }

    /** The offset after the last record, following the lengths from the start (stops at a gap or an end mark). */
    private int recordsEnd() {
        int offset = 0;
        while (offset + HEADER <= size) {
            int length = lengthAt(offset);
            if (length <= 0 || (long) offset + HEADER + length > size) {
                break;
            }
            offset += align(HEADER + length);
        }
        return offset;
    }

    /** Writes a record at {@code start}, its length last, so the reader sees it only once it is complete. */
    void write(int start, byte[] payload) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.position(start + HEADER);
        b.put(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        b.putInt(start + 4, (int) crc.getValue());
        INT.setRelease(buffer, start, payload.length);
    }

    /** Marks the end of this segment at {@code offset}, where a header fits. */
    void markEnd(int offset) {
        INT.setRelease(buffer, offset, END);
    }

    /** The length word at {@code offset}: a payload length, {@link #END}, or 0 where nothing is written yet. */
    int lengthAt(int offset) {
        return (int) INT.getAcquire(buffer, offset);
    }

    /** The {@code length} payload bytes of the record at {@code offset}. */
    byte[] payload(int offset, int length) {
        byte[] payload = new byte[length];
        ByteBuffer b = buffer.duplicate();
        b.position(offset + HEADER);
        b.get(payload);
        return payload;
    }

    /** Whether the checksum stored with the record at {@code offset} matches {@code payload}. */
    boolean checksumHolds(int offset, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(offset + 4) == (int) crc.getValue();
    }

    /**
     * After a crash: the offset of the next record whose checksum holds (or of the end mark) after a
     * never-filled reservation at {@code from}, or -1 when the rest of the segment holds none.
     */
    int recordAfterGap(int from) {
        for (int o = from + 4; o + HEADER <= size; o += 4) {
            int length = lengthAt(o);
            if (length == END) {
                return o;
            }
            if (length > 0 && (long) o + HEADER + length <= size && checksumHolds(o, payload(o, length))) {
                return o;
            }
        }
        return -1;
    }

    /** Flushes the mapped pages to disk. */
    void force() {
        buffer.force();
    }

    /**
     * Releases the mapping now rather than when the garbage collector finds the buffer unreachable: mapped pages
     * count in the process's resident memory, and with a small heap collections are rare. Nothing may touch this
     * segment afterwards.
     */
    void unmap() {
        try {
            UNSAFE_CLEANER.invoke(THE_UNSAFE, buffer);
        } catch (Throwable ignored) {
            // Not available on this JVM: the collector unmaps it later.
        }
    }

    private static final Object THE_UNSAFE;
    private static final MethodHandle UNSAFE_CLEANER;

    static {
        Object unsafe = null;
        MethodHandle cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = MethodHandles.lookup()
                    .findVirtual(type, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            cleaner = null;
        }
        THE_UNSAFE = unsafe;
        UNSAFE_CLEANER = cleaner;
    }
}
