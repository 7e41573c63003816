package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.AuditVerification;
import dev.meridian.store.model.ChainedAuditEntry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log's hash chain, run against every backend: one fresh database per test, since each test tampers with
 * it the way someone with direct database access could (dropping the append-only triggers first).
 */
public abstract class AuditChainContract {
    private final TestBackend backend;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private DatabaseConfig config;
    private Database db;
    private List<ChainedAuditEntry> entries;

    protected AuditChainContract(TestBackend backend) {
        this.backend = backend;
    }

    /** Lets the test alter the table as an intruder would: without the append-only triggers. */
    protected abstract void dropAppendOnlyTriggers(Statement s) throws SQLException;

    @BeforeEach
    void fiveEntries() {
        config = backend.newDatabase();
        db = Database.open(config, clock);
        entries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.addAll(db.audit()
                    .appendAll(List.of(AuditEntry.of(
                            "usr_admin", "ten_a", "key.rotate", "key", "key_" + i, null, "{\"n\":" + i + "}", null))));
        }
    }

    @AfterEach
    void close() {
        db.close();
        backend.close();
    }

    @Test
    void anUntouchedLogVerifies() {
        assertThat(db.audit().verify()).isEqualTo(AuditVerification.intact(5));
        assertThat(entries).extracting(ChainedAuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
        assertThat(entries.get(0).prevHash()).isEmpty();
    }

    @Test
    void aBatchContinuesTheChain() {
        db.audit()
                .appendAll(List.of(
                        AuditEntry.of("system", "ten_a", "residency.transfer", "request", "req_1", null, "{}", null),
                        AuditEntry.of("system", "ten_a", "residency.transfer", "request", "req_2", null, "{}", null)));
        assertThat(db.audit().verify()).isEqualTo(AuditVerification.intact(7));
    }

    @Test
    void anAlteredEntryIsNamed() throws SQLException {
        long third = entries.get(2).entry().id();
        tamper("UPDATE audit_log SET after_json = '{\"n\":99}' WHERE id = " + third);

        AuditVerification result = db.audit().verify();
        assertThat(result.isIntact()).isFalse();
        assertThat(result.brokenEntryId()).isEqualTo(third);
        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.problem()).contains("altered");
    }

    @Test
    void aDeletedEntryBreaksTheChainAtTheNextOne() throws SQLException {
        tamper("DELETE FROM audit_log WHERE id = " + entries.get(1).entry().id());

        AuditVerification result = db.audit().verify();
        assertThat(result.brokenEntryId()).isEqualTo(entries.get(2).entry().id());
        assertThat(result.brokenSeq()).isEqualTo(3);
        assertThat(result.problem()).contains("removed");
    }

    @Test
    void reorderedEntriesBreakTheChain() throws SQLException {
        long second = entries.get(1).entry().id();
        long third = entries.get(2).entry().id();
        tamper("UPDATE audit_log SET chain_seq = -1 WHERE id = " + second);
        tamper("UPDATE audit_log SET chain_seq = 2 WHERE id = " + third);
        tamper("UPDATE audit_log SET chain_seq = 3 WHERE id = " + second);

        AuditVerification result = db.audit().verify();
        assertThat(result.brokenEntryId()).isEqualTo(third);
        assertThat(result.brokenSeq()).isEqualTo(2);
    }

    @Test
    void aRemovedTailIsReported() throws SQLException {
        tamper("DELETE FROM audit_log WHERE id = " + entries.get(4).entry().id());

        AuditVerification result = db.audit().verify();
        assertThat(result.isIntact()).isFalse();
        assertThat(result.checked()).isEqualTo(4);
        assertThat(result.problem()).contains("removed from the end");
    }

    @Test
    void anEntryInsertedAroundTheGatewayIsReported() throws SQLException {
        tamper("INSERT INTO audit_log (ts, actor, action, target_type) VALUES (1, 'mallory', 'key.create', 'key')");

        AuditVerification result = db.audit().verify();
        assertThat(result.isIntact()).isFalse();
        assertThat(result.problem()).contains("not in the chain");
        // and a restart does not launder it into the chain
        db.close();
        db = Database.open(config, clock);
        assertThat(db.audit().verify().isIntact()).isFalse();
    }

    @Test
    void entriesFromBeforeTheChainAreChainedOnceAtStart() throws SQLException {
        DatabaseConfig old = backend.newDatabase();
        Flyway.configure()
                .dataSource(old.url(), old.username(), old.password())
                .locations(old.dialect().migrationLocation())
                .target("12")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(old.url(), old.username(), old.password());
                Statement s = c.createStatement()) {
            for (int i = 1; i <= 3; i++) {
                s.executeUpdate("INSERT INTO audit_log (ts, actor, tenant_id, action, target_type, target_id)"
                        + " VALUES (" + i + ", 'usr_admin', 'ten_a', 'key.create', 'key', 'key_" + i + "')");
            }
        }
        try (Database upgraded = Database.open(old, clock)) {
            assertThat(upgraded.audit().verify()).isEqualTo(AuditVerification.intact(3));
            upgraded.audit()
                    .append(AuditEntry.of("usr_admin", "ten_a", "key.revoke", "key", "key_1", null, null, null));
            assertThat(upgraded.audit().chainUnchained()).isZero();
            assertThat(upgraded.audit().verify()).isEqualTo(AuditVerification.intact(4));
        }
    }

    private void tamper(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            dropAppendOnlyTriggers(s);
            s.executeUpdate(statement);
        }
    }
}
