package dev.meridian.store;

import dev.meridian.store.repo.StoreException;

/**
 * The database was migrated by a newer Meridian than this one. Running against it could misread or damage data, so
 * startup stops instead.
 */
public final class SchemaTooNewException extends StoreException {
    private final String databaseVersion;
    private final String codeVersion;

    public SchemaTooNewException(String databaseVersion, String codeVersion) {
        super("Database schema version " + databaseVersion + " is newer than the newest migration in this build of "
                + "Meridian (version " + codeVersion
                + "); refusing to start. Run a Meridian release that includes schema "
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
