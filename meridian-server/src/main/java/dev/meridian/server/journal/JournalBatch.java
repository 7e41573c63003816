package dev.meridian.server.journal;

import dev.meridian.store.model.RequestRecord;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The records of one batch of the request log, read from the journal a chunk at a time as the database writer asks
 * for them, decoded, and let go once written. Holding a whole batch (thousands of records, for the flush interval and
 * the transaction) made every young collection copy it and promoted it to the old generation, which then filled and
 * was collected in full every few seconds under load (docs/benchmarks.md, "Issue 10: the request log's batch in the
 * heap"). Reader thread of the journal only.
 */
final class JournalBatch implements Iterator<List<RequestRecord>> {

    private final Journal journal;
    private final int limit;
    private final int chunk;
    private final Function<List<Journal.Entry>, List<RequestRecord>> decode;
    private List<Journal.Entry> next;
    private boolean exhausted;
    private int read;
    private int decoded;
    private long bytes;
    private Journal.Position end;

    /**
     * @param limit  the most records the batch reads
     * @param chunk  the most records read and decoded at a time
     * @param decode the records of entries read (an entry that cannot be read is left out)
     */
    JournalBatch(Journal journal, int limit, int chunk, Function<List<Journal.Entry>, List<RequestRecord>> decode) {
        this.journal = journal;
        this.limit = limit;
        this.chunk = chunk;
        this.decode = decode;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            List<Journal.Entry> entries = journal.poll(Math.min(chunk, limit - read));
            if (entries.isEmpty()) {
                exhausted = true;
            } else {
                next = entries;
                read += entries.size();
                exhausted = read >= limit;
                end = entries.get(entries.size() - 1).next();
            }
        }
        return next != null;
    }

    @Override
    public List<RequestRecord> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Journal.Entry> entries = next;
        next = null;
        for (Journal.Entry e : entries) {
            bytes += Segment.align(Segment.HEADER + e.payload().length);
        }
        List<RequestRecord> records = decode.apply(entries);
        decoded += records.size();
        return records;
    }

    /** Journal entries read so far. */
    int read() {
        return read;
    }

    /** Records decoded from them. */
    int decoded() {
        return decoded;
    }

    /** The journal's bytes per record read (headers and alignment included); 0 before any. */
    long bytesPerRecord() {
        return read == 0 ? 0 : bytes / read;
    }

    /** The position just after the last entry read: what to acknowledge once the batch is stored. */
    Journal.Position end() {
        return end;
    }
}
