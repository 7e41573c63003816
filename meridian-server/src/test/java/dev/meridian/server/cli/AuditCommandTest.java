package dev.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meridian audit verify} against a temporary SQLite database: its output and exit codes. */
class AuditCommandTest {

    @TempDir
    Path home;

    private CommandRun run(String... args) {
        String[] withHome = new String[args.length + 2];
        System.arraycopy(args, 0, withHome, 0, args.length);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        return CommandRun.of(withHome);
    }

    @Test
    void anUntouchedLog_exitsZero() {
        assertThat(run("tenants", "create", "acme").exit()).isZero();
        assertThat(run("tenants", "create", "globex").exit()).isZero();

        CommandRun verify = run("audit", "verify");
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("intact").contains("2 entries checked");
    }

    @Test
    void anEntryAlteredInTheDatabase_exitsThree_namingIt() throws Exception {
        run("tenants", "create", "acme");
        run("tenants", "create", "globex");
        run("tenants", "create", "initech");
        long second;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("meridian.db"));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM audit_log WHERE chain_seq = 2")) {
                rs.next();
                second = rs.getLong(1);
            }
            s.execute("DROP TRIGGER audit_log_no_update");
            s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE id = " + second);
        }

        CommandRun verify = run("audit", "verify");
        assertThat(verify.exit()).isEqualTo(AuditCommand.BROKEN);
        assertThat(verify.out())
                .contains("BROKEN at entry id " + second + " (chain position 2)")
                .contains("altered");
    }

    @Test
    void withoutADatabase_exitsTwo() {
        CommandRun verify = run("audit", "verify");
        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.err()).contains("no Meridian database");
    }
}
