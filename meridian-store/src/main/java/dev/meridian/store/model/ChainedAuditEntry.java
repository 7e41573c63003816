package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

/**
 * An audit entry with its place in the tamper-evident chain.
 *
 * @param entry the entry as stored
 * @param seq its position in the chain, from 1
 * @param prevHash the hash of the entry before it, empty for the first
 * @param hash SHA-256 over {@code prevHash} and the entry's canonical content, lower-case hex
 */
public record ChainedAuditEntry(AuditEntry entry, long seq, String prevHash, String hash) {
    public ChainedAuditEntry {
        requireNonNull(entry, "entry");
        requireNonNull(prevHash, "prevHash");
        requireNonNull(hash, "hash");
    }
}
