package dev.meridian.store;

import java.sql.SQLException;
import java.sql.Statement;

class AuditChainPostgresIT extends AuditChainContract {
    AuditChainPostgresIT() {
        super(new PostgresBackend());
    }

    @Override
    protected void dropAppendOnlyTriggers(Statement s) throws SQLException {
        s.execute("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log");
        s.execute("DROP TRIGGER IF EXISTS audit_log_no_delete ON audit_log");
    }
}
