package dev.meridian.store.repo;

import dev.meridian.store.model.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit chain's hash: {@code hex(SHA-256(UTF-8(prevHash + "\n" + canonical(seq, entry))))}. The canonical form
 * is every field in a fixed order, each written as {@code <length>:<text>} (or {@code -} for null) and ended by
 * {@code ;}: seq, ts (epoch milliseconds), actor, tenant_id, action, target_type, target_id, before_json,
 * after_json, source_ip. Length prefixes make it unambiguous whatever the text holds. The row id is not hashed: the
 * chain fixes the order by {@code seq}, and the id is only the storage's handle.
 */
public final class AuditHash {
    private AuditHash() {}

    /** The hash of {@code entry} at chain position {@code seq} after an entry whose hash is {@code prevHash}. */
    public static String of(String prevHash, long seq, AuditEntry entry) {
        StringBuilder b = new StringBuilder(256).append(prevHash).append('\n');
        field(b, Long.toString(seq));
        field(b, Long.toString(entry.ts().toEpochMilli()));
        field(b, entry.actor());
        field(b, entry.tenantId());
        field(b, entry.action());
        field(b, entry.targetType());
        field(b, entry.targetId());
        field(b, entry.beforeJson());
        field(b, entry.afterJson());
        field(b, entry.sourceIp());
        return HexFormat.of().formatHex(sha256().digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder b, String value) {
        if (value == null) {
            b.append("-;");
        } else {
            b.append(value.length()).append(':').append(value).append(';');
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
