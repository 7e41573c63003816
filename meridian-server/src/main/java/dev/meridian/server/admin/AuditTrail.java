package dev.meridian.server.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.server.audit.AuditJson;
import dev.meridian.server.audit.AuditSink;
import dev.meridian.server.audit.AuditSinks;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.ChainedAuditEntry;
import dev.meridian.store.repo.AuditRepository;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where audit entries are recorded: the database's append-only hash chain first (it assigns id, time and hash),
 * then each sink: by default one JSON line per entry in {@code <MERIDIAN_HOME>/audit.jsonl}, rotated, and, when
 * configured, a SIEM webhook. The database write must succeed for the action to be reported done; a sink that fails
 * is logged (and counted and retried by the sink itself) and never undoes or fails the action. Any text is recorded
 * as it was: a lone UTF-16 surrogate, which UTF-8 cannot encode, is kept as a JSON escape
 * ({@link AuditJson#encodable}). Thread-safe.
 */
public final class AuditTrail implements AutoCloseable {

    /** The file name inside MERIDIAN_HOME. */
    public static final String FILE = AuditSinks.FILE;

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditRepository repository;
    private final List<AuditSink> sinks;

    public AuditTrail(AuditRepository repository, List<AuditSink> sinks) {
        this.repository = requireNonNull(repository, "repository");
        this.sinks = List.copyOf(sinks);
    }

    /** @param file the JSON-lines file, rotated with the defaults, or null to keep entries in the database only */
    public AuditTrail(AuditRepository repository, Path file) {
        this(repository, file == null ? List.of() : List.of(AuditSinks.defaultFile(file)));
    }

    /** Appends {@code entry} to the chain, then hands it to the sinks; returns it as stored. */
    public AuditEntry append(AuditEntry entry) {
        return appendAll(List.of(entry)).get(0).entry();
    }

    /** Appends entries to the chain in one transaction, then hands them to the sinks; returns them as stored. */
    public List<ChainedAuditEntry> appendAll(List<AuditEntry> entries) {
        List<ChainedAuditEntry> stored = repository.appendAll(entries);
        for (AuditSink sink : sinks) {
            try {
                sink.accept(stored);
            } catch (RuntimeException e) {
                LOG.error(
                        "audit entries stored in the database but not given to the {} sink: {}",
                        sink.name(),
                        e.toString());
            }
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
                before == null ? null : AuditJson.encodable(AdminJson.text(before)),
                after == null ? null : AuditJson.encodable(AdminJson.text(after)),
                actor.sourceIp()));
    }

    /** The JSON form of an entry, in the API and (with its chain fields) in the sinks: before and after as objects. */
    static ObjectNode line(AuditEntry e) {
        return AuditJson.entry(e);
    }

    /** The JSON-escaped form of lone surrogates; see {@link AuditJson#encodable}. */
    static String encodable(String json) {
        return AuditJson.encodable(json);
    }

    @Override
    public void close() {
        sinks.forEach(AuditSink::close);
    }
}
