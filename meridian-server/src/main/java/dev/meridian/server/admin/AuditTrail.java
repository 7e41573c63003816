package dev.meridian.server.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.repo.AuditRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where admin actions are recorded: the database's append-only audit table first (it assigns id and time), then
 * one JSON line per entry in {@code <MERIDIAN_HOME>/audit.jsonl}, a copy that survives the database and suits log
 * shippers. The database write must succeed for the action to be reported done; a failed file write is logged and
 * does not undo the action. Any text is recorded as it was: a lone UTF-16 surrogate, which UTF-8 cannot encode, is
 * kept as a JSON escape ({@link #encodable}). Thread-safe: lines from concurrent actions never interleave.
 */
public final class AuditTrail {

    /** The file name inside MERIDIAN_HOME. */
    public static final String FILE = "audit.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditRepository repository;
    private final Path file;

    /** @param file the JSON-lines file, or null to keep entries in the database only */
    public AuditTrail(AuditRepository repository, Path file) {
        this.repository = requireNonNull(repository, "repository");
        this.file = file;
    }

    /** Appends {@code entry} to the database, then to the file; returns it as stored. */
    public AuditEntry append(AuditEntry entry) {
        AuditEntry stored = repository.append(entry);
        if (file != null) {
            writeLine(encodable(AdminJson.text(line(stored))) + "\n");
        }
        return stored;
    }

    /**
     * Appends what {@code actor} did to a target; {@code before} and {@code after} are stored as JSON, null for a
     * target just created or just deleted.
     */
    void record(
            Actor actor,
            String tenantId,
            String action,
            String targetType,
            String targetId,
            Object before,
            Object after) {
        append(AuditEntry.of(
                actor.id(),
                tenantId,
                action,
                targetType,
                targetId,
                before == null ? null : encodable(AdminJson.text(before)),
                after == null ? null : encodable(AdminJson.text(after)),
                actor.sourceIp()));
    }

    /** The JSON form of an entry, in the file and in the API alike: before and after as objects. */
    static ObjectNode line(AuditEntry e) {
        ObjectNode n = AdminJson.mapper().createObjectNode();
        n.put("id", e.id());
        n.put("ts", e.ts().toString());
        n.put("actor", e.actor());
        n.put("tenant_id", e.tenantId());
        n.put("action", e.action());
        n.put("target_type", e.targetType());
        n.put("target_id", e.targetId());
        n.set("before", AdminJson.parseTrusted(e.beforeJson()));
        n.set("after", AdminJson.parseTrusted(e.afterJson()));
        n.put("source_ip", e.sourceIp());
        return n;
    }

    /**
     * {@code json} with every lone UTF-16 surrogate written as a JSON escape ({@code \\ud800}): the same JSON value,
     * but text that UTF-8 can encode, so neither the file nor the database drops or alters it. (Admin input is refused
     * such text; this keeps the audit whole whatever reaches it.)
     */
    static String encodable(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    private synchronized void writeLine(String line) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(
                    file,
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            LOG.error("audit entry stored in the database but not written to {}: {}", file, e.toString());
        }
    }
}
