package dev.meridian.server.audit;

import dev.meridian.store.model.ChainedAuditEntry;
import java.util.List;

/** A copy of the audit chain outside the database. Implementations must not block long and must not throw. */
public interface AuditSink extends AutoCloseable {

    /** The sink's name in metrics: {@code file} or {@code webhook}. */
    String name();

    /** Takes entries just appended to the chain, in chain order. */
    void accept(List<ChainedAuditEntry> entries);

    @Override
    default void close() {}
}
