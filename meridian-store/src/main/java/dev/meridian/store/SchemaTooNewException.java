package dev.meridian.store;

import dev.meridian.store.repo.StoreException;

/**
 * The database was migrated by a newer Meridian than this one. Running against it could misread or damage data, so
 * startup stops instead.
 */
public final class SchemaTooNewException extends StoreException {
    private final String databaseVersion;
    private final String codeVersion;

    /** @param oldestCode the oldest schema version the database admits (schema_compat), 0 when it does not say */
    public SchemaTooNewException(String databaseVersion, String codeVersion, int oldestCode) {
        super("Database schema version " + databaseVersion + " is newer than the newest migration in this build of "
                + "Meridian (version " + codeVersion + ")"
                + (oldestCode > 0 ? " and admits only code from version " + oldestCode : "")
                + "; refusing to start. Run a Meridian release that includes schema "
                + "version " + databaseVersion + ", or point the storage URL at another database.");
        this.databaseVersion = databaseVersion;
        this.codeVersion = codeVersion;
    }

    public String databaseVersion() {
        return databaseVersion;
    }

    public String codeVersion() {
        return codeVersion;
    }
}
