package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.Page;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit repository's contract, run against every backend. */
public abstract class AuditRepositoryContract extends StoreContract {
    protected AuditRepositoryContract(TestBackend backend) {
        super(backend);
    }

    private AuditEntry append(String tenantId, String action) {
        clock.advance(Duration.ofSeconds(1));
        return db.audit()
                .append(AuditEntry.of(
                        "usr_admin", tenantId, action, "key", "key_1", "{\"a\":1}", "{\"a\":2}", "10.0.0.7"));
    }

    @Test
    void append_assignsGrowingIdsAndTheTime() {
        String tenant = unique("ten");
        AuditEntry first = append(tenant, "key.create");
        AuditEntry second = append(tenant, "key.rotate");

        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(second.ts()).isEqualTo(clock.instant());
        assertThat(db.audit().list(tenant, null, null, null, 10).items()).containsExactly(second, first);
    }

    @Test
    void append_keepsAnExplicitTime() {
        Instant when = Instant.parse("2025-12-31T23:59:59.123Z");
        AuditEntry entry =
                db.audit().append(new AuditEntry(0, when, "system", null, "plan.seed", "plan", null, null, null, null));
        assertThat(entry.ts()).isEqualTo(when);
    }

    @Test
    void list_isTenantScopedPagedAndTimeFiltered() {
        String tenant = unique("ten");
        String other = unique("ten");
        List<AuditEntry> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(0, append(tenant, "action." + i));
            append(other, "noise." + i);
        }

        List<AuditEntry> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEntry> page = db.audit().list(tenant, null, null, cursor, 2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(mine);

        Instant from = mine.get(3).ts();
        Instant to = mine.get(1).ts();
        assertThat(db.audit().list(tenant, from, to, null, 10).items()).containsExactly(mine.get(2), mine.get(3));
        assertThat(db.audit().list(null, null, null, null, 1000).items())
                .extracting(AuditEntry::tenantId)
                .contains(tenant, other);
    }

    @Test
    void table_rejectsUpdateAndDelete() throws Exception {
        AuditEntry entry = append(unique("ten"), "tenant.update");
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE id = " + entry.id()))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log WHERE id = " + entry.id()))
                    .hasMessageContaining("append-only");
        }
        assertThat(db.audit().list(entry.tenantId(), null, null, null, 10).items())
                .containsExactly(entry);
    }
}
