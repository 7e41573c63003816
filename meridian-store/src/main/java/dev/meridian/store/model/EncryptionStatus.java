package dev.meridian.store.model;

import java.util.List;
import java.util.Map;

/**
 * How the sealed columns' values stand: per column, how many values are in the clear and how many are sealed under
 * each master key id; and the key ids recorded as in use.
 *
 * @param columns    per {@code table.column}, its counts
 * @param keyIdsInUse the ids in {@code master_key_use}: a start must be able to open each of them
 */
public record EncryptionStatus(Map<String, Counts> columns, List<String> keyIdsInUse) {
    public EncryptionStatus {
        columns = Map.copyOf(columns);
        keyIdsInUse = List.copyOf(keyIdsInUse);
    }

    /**
     * @param clear   values stored in the clear (written without a master key)
     * @param byKeyId envelopes per master key id
     */
    public record Counts(long clear, Map<String, Long> byKeyId) {
        public Counts {
            byKeyId = Map.copyOf(byKeyId);
        }
    }

    /** Envelopes under {@code keyId}, all columns together. */
    public long sealedUnder(String keyId) {
        return columns.values().stream()
                .mapToLong(c -> c.byKeyId().getOrDefault(keyId, 0L))
                .sum();
    }

    /** Values the re-encryption job still has to seal under {@code currentKeyId}: in the clear or under older keys. */
    public long notUnder(String currentKeyId) {
        long n = 0;
        for (Counts c : columns.values()) {
            n += c.clear();
            for (Map.Entry<String, Long> e : c.byKeyId().entrySet()) {
                if (!e.getKey().equals(currentKeyId)) {
                    n += e.getValue();
                }
            }
        }
        return n;
    }
}
