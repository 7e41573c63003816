package dev.meridian.server.journal;

import dev.meridian.store.model.RequestRecord;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request records on their way from the event loops to the request log's writer thread. A record is journaled as
 * always (that copy is what survives a crash), and when the journal would give it back unchanged it is also kept
 * here, by request id, so the writer stores the object instead of decoding its journal copy: the JSON decode was
 * nearly half of the writer's work. The writer falls back to decoding whatever is not here (a restart's replay, a
 * full hand-off, records with bodies, which the journal holds sealed). Bounded; thread-safe.
 */
final class RecordHandoff {

    private record Kept(RequestRecord record, int journaledBytes) {}

    private final ConcurrentHashMap<String, Kept> kept = new ConcurrentHashMap<>();
    private final int max;

    /** @param max the most records kept at once (beyond, records are decoded from the journal) */
    RecordHandoff(int max) {
        this.max = max;
    }

    /**
     * Keeps {@code record}, journaled as {@code journaledBytes} bytes, for the writer; call before appending it, and
     * {@link #withdraw} when the append failed. Request ids are unique per request, so a second record with a kept
     * id is not kept.
     *
     * @return whether it is kept
     */
    boolean offer(RequestRecord record, int journaledBytes) {
        if (kept.size() >= max || !RecordCodec.journalsVerbatim(record)) {
            return false;
        }
        return kept.putIfAbsent(record.requestId(), new Kept(record, journaledBytes)) == null;
    }

    /** Forgets a record whose append failed. */
    void withdraw(RequestRecord record) {
        kept.remove(record.requestId());
    }

    /**
     * The record journaled as {@code payload} when it was kept (and forgets it), or null: then the writer decodes
     * the payload.
     */
    RequestRecord take(byte[] payload) {
        String id = RecordCodec.requestIdOf(payload);
        if (id == null) {
            return null;
        }
        Kept k = kept.remove(id);
        if (k == null) {
            return null;
        }
        if (k.journaledBytes() != payload.length) {
            return null; // not the journal copy of this record: decode what was journaled
        }
        return k.record();
    }

    /** Forgets {@code requestId} after its record was decoded instead, so nothing kept outlives its journal copy. */
    void forget(String requestId) {
        kept.remove(requestId);
    }

    int size() {
        return kept.size();
    }
}
