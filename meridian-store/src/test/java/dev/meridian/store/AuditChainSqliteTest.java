package dev.meridian.store;

import java.sql.SQLException;
import java.sql.Statement;

class AuditChainSqliteTest extends AuditChainContract {
    AuditChainSqliteTest() {
        super(new SqliteBackend());
    }

    @Override
    protected void dropAppendOnlyTriggers(Statement s) throws SQLException {
        s.execute("DROP TRIGGER IF EXISTS audit_log_no_update");
        s.execute("DROP TRIGGER IF EXISTS audit_log_no_delete");
    }
}
