package dev.meridian.store;

import dev.meridian.store.model.Plan;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every repository contract: one migrated database per test class, on the backend the concrete subclass
 * names. Tests share that database, so each creates its own tenants and never assumes the tables are empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {
    protected final TestBackend backend;
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    protected Database db;

    protected StoreContract(TestBackend backend) {
        this.backend = backend;
    }

    @BeforeAll
    void openDatabase() {
        db = Database.open(backend.newDatabase(), clock);
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        backend.close();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Tenant newTenant() {
        return db.tenants().create(unique("tenant"), Plan.PROFESSIONAL, TenantStatus.ACTIVE, null);
    }
}
