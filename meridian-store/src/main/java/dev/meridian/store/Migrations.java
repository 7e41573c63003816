package dev.meridian.store;

import dev.meridian.store.repo.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway. A database migrated by newer code is run against as it is when its
 * {@code schema_compat.oldest_code} admits this build (the newer migrations were ones older code tolerates: a
 * rolling upgrade's old replicas keep starting), and refused otherwise.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    /**
     * Migrates {@code dataSource} to the newest schema in this build.
     *
     * @throws SchemaTooNewException when the database holds a migration newer than any this build knows
     */
    static void migrate(DataSource dataSource, Dialect dialect) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .failOnMissingLocations(true)
                .load();
        if (admitNewerSchema(flyway, dataSource)) {
            return;
        }
        flyway.migrate();
    }

    /**
     * Flyway itself only logs a warning for applied migrations it does not know ("future" ones) and carries on.
     *
     * @return true when the database is newer than this build and admits it (nothing to migrate)
     * @throws SchemaTooNewException when it is newer and does not
     */
    private static boolean admitNewerSchema(Flyway flyway, DataSource dataSource) {
        MigrationVersion newestInCode = MigrationVersion.EMPTY;
        MigrationVersion newestApplied = MigrationVersion.EMPTY;
        for (MigrationInfo info : flyway.info().all()) {
            MigrationVersion version = info.getVersion();
            if (version == null) {
                continue; // repeatable migrations have no version
            }
            if (info.getState().isResolved() && version.isNewerThan(newestInCode)) {
                newestInCode = version;
            }
            if (info.getState().isApplied() && version.isNewerThan(newestApplied)) {
                newestApplied = version;
            }
        }
        if (!newestApplied.isNewerThan(newestInCode)) {
            return false;
        }
        int oldest = oldestCode(dataSource);
        int ours = Integer.parseInt(newestInCode.getVersion());
        if (oldest > 0 && ours >= oldest) {
            LOG.warn(
                    "database schema version {} is newer than this build's ({}); running against it because it"
                            + " admits code from version {} (schema_compat). Upgrade this replica.",
                    newestApplied.getVersion(),
                    ours,
                    oldest);
            return true;
        }
        throw new SchemaTooNewException(newestApplied.getVersion(), newestInCode.getVersion(), oldest);
    }

    /** {@code schema_compat.oldest_code}, or 0 when the database has no such table (it predates version 20). */
    private static int oldestCode(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT oldest_code FROM schema_compat WHERE id = 1")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }
}
