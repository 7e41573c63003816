package dev.meridian.store.repo;

import java.sql.SQLException;

/** The SQL databases the store runs on. Each has its own migration folder, {@code db/migration/<folder>}. */
public enum Dialect {
    SQLITE("sqlite", "jdbc:sqlite:"),
    POSTGRESQL("postgresql", "jdbc:postgresql:");

    // SQLITE_CONSTRAINT (19), the primary result code sqlite-jdbc reports for UNIQUE and PRIMARY KEY violations.
    private static final int SQLITE_CONSTRAINT = 19;
    private static final String PG_UNIQUE_VIOLATION = "23505";

    private final String folder;
    private final String urlPrefix;

    Dialect(String folder, String urlPrefix) {
        this.folder = folder;
        this.urlPrefix = urlPrefix;
    }

    /** The Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + folder;
    }

    /** The dialect a JDBC URL names, or null if it names neither. */
    public static Dialect fromUrl(String url) {
        for (Dialect d : values()) {
            if (url.startsWith(d.urlPrefix)) {
                return d;
            }
        }
        return null;
    }

    /** How this dialect's JDBC URLs begin, such as {@code jdbc:sqlite:}. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** SQL for the text of the top-level field {@code field} (a plain name) of the JSON object in text column {@code column}. */
    public String jsonText(String column, String field) {
        return switch (this) {
            case SQLITE -> "json_extract(" + column + ", '$." + field + "')";
            case POSTGRESQL -> "((" + column + ")::jsonb ->> '" + field + "')";
        };
    }

    /**
     * A FROM item spreading the JSON object in {@code json} (a text column, or an earlier item's {@code value}) into
     * one row per member, named {@code alias} with columns {@code key} and {@code value} (a nested object stays JSON;
     * a number reads through {@link #jsonNumber}). Joined with a comma after the table it reads from.
     */
    public String jsonEach(String json, String alias) {
        return switch (this) {
            case SQLITE -> "json_each(" + json + ") " + alias;
            case POSTGRESQL -> "LATERAL jsonb_each((" + json + ")::jsonb) " + alias;
        };
    }

    /** SQL for the number held by {@code alias.value} of a {@link #jsonEach} item. */
    public String jsonNumber(String alias) {
        return switch (this) {
            case SQLITE -> alias + ".value";
            case POSTGRESQL -> "(" + alias + ".value)::text::bigint";
        };
    }

    /** Whether {@code e} reports a broken UNIQUE or PRIMARY KEY constraint. */
    public boolean isUniqueViolation(SQLException e) {
        return switch (this) {
            case POSTGRESQL -> PG_UNIQUE_VIOLATION.equals(e.getSQLState());
            case SQLITE ->
                e.getErrorCode() == SQLITE_CONSTRAINT
                        && e.getMessage() != null
                        && (e.getMessage().contains("UNIQUE") || e.getMessage().contains("PRIMARYKEY"));
        };
    }
}
