package dev.meridian.store.repo;

import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.AuditVerification;
import java.util.List;

/**
 * Walks the audit chain in {@code seq} order and names the first entry where it breaks: a gap in the positions (an
 * entry removed), a {@code prev_hash} that is not the hash of the entry before (removed, altered or reordered), or
 * content that no longer gives its own hash (altered). Then compares the end with the head row (entries removed from
 * the tail) and looks for entries never chained (inserted around the gateway).
 */
final class AuditChainVerifier {
    private static final int PAGE = 1000;

    private record Row(AuditEntry entry, long seq, String prevHash, String hash) {}

    private final Sql sql;
    private final String columns;
    private final Sql.RowMapper<AuditEntry> mapper;

    AuditChainVerifier(Sql sql, String columns, Sql.RowMapper<AuditEntry> mapper) {
        this.sql = sql;
        this.columns = columns;
        this.mapper = mapper;
    }

    AuditVerification verify() {
        long expectedSeq = 1;
        String prev = "";
        long lastSeq = 0;
        while (true) {
            List<Row> page = sql.query(
                    "SELECT " + columns + ", chain_seq, prev_hash, entry_hash FROM audit_log"
                            + " WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?",
                    rs -> new Row(
                            mapper.map(rs),
                            rs.getLong("chain_seq"),
                            rs.getString("prev_hash"),
                            rs.getString("entry_hash")),
                    lastSeq,
                    PAGE);
            for (Row row : page) {
                String problem = problem(row, expectedSeq, prev);
                if (problem != null) {
                    return new AuditVerification(expectedSeq - 1, row.entry().id(), row.seq(), problem);
                }
                prev = row.hash();
                expectedSeq++;
                lastSeq = row.seq();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        long checked = expectedSeq - 1;
        String endHash = prev;
        List<String> head = sql.query(
                "SELECT length, head_hash FROM audit_chain WHERE id = 1", rs -> rs.getLong(1) + " " + rs.getString(2));
        if (head.isEmpty() || !head.get(0).equals(checked + " " + endHash)) {
            return new AuditVerification(
                    checked,
                    null,
                    checked + 1,
                    "the chain ends after " + checked + " entries but its head records "
                            + (head.isEmpty() ? "none" : head.get(0).split(" ")[0])
                            + ": entries were removed from the end, or the head was altered");
        }
        List<Long> unchained =
                sql.query("SELECT id FROM audit_log WHERE entry_hash IS NULL ORDER BY id LIMIT 1", rs -> rs.getLong(1));
        if (!unchained.isEmpty()) {
            return new AuditVerification(
                    checked,
                    unchained.get(0),
                    null,
                    "the entry is not in the chain: it was written around the gateway");
        }
        return AuditVerification.intact(checked);
    }

    private static String problem(Row row, long expectedSeq, String prev) {
        if (row.seq() != expectedSeq) {
            return "chain position " + expectedSeq + " is missing before this entry (position " + row.seq()
                    + "): an entry was removed";
        }
        if (!prev.equals(row.prevHash())) {
            return "its previous hash does not match the entry before it: an entry was removed, altered or reordered";
        }
        if (row.hash() == null || !row.hash().equals(AuditHash.of(prev, row.seq(), row.entry()))) {
            return "its content does not match its hash: the entry was altered";
        }
        return null;
    }
}
