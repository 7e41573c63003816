package dev.meridian.store;

import dev.meridian.store.repo.Dialect;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/** Brings the schema up to date with Flyway, refusing a database migrated by newer code. */
final class Migrations {
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
        refuseNewerSchema(flyway);
        flyway.migrate();
    }

    // Flyway itself only logs a warning for applied migrations it does not know ("future" ones) and carries on.
    private static void refuseNewerSchema(Flyway flyway) {
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
        if (newestApplied.isNewerThan(newestInCode)) {
            throw new SchemaTooNewException(newestApplied.getVersion(), newestInCode.getVersion());
        }
    }
}
