package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Parts of the configuration set through the admin API ({@code config_overlay}, V19): per section (today
 * {@code models}) and name, the JSON document laid over the file's. Every change moves the store's change version, so
 * each replica applies it at its next poll. Every method blocks on JDBC.
 */
public final class ConfigOverlayRepository {

    /** The section of model groups. */
    public static final String MODELS = "models";

    private final Sql sql;
    private final Clock clock;

    public ConfigOverlayRepository(DataSource dataSource, Dialect dialect, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.clock = requireNonNull(clock, "clock");
    }

    /** Stores {@code document} (JSON) as {@code section.name}, replacing any document it had. */
    public void put(String section, String name, String document, String updatedBy) {
        requireNonNull(document, "document");
        sql.inTransaction(c -> {
            Sql.update(
                    c,
                    "INSERT INTO config_overlay (section, name, document, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (section, name) DO UPDATE SET document = excluded.document,"
                            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    requireNonNull(section, "section"),
                    requireNonNull(name, "name"),
                    document,
                    clock.millis(),
                    updatedBy);
            ChangeVersion.bump(c);
            return null;
        });
    }

    /** Removes {@code section.name}; true when there was one. */
    public boolean delete(String section, String name) {
        return sql.inTransaction(c -> {
            int removed = Sql.update(
                    c,
                    "DELETE FROM config_overlay WHERE section = ? AND name = ?",
                    requireNonNull(section, "section"),
                    requireNonNull(name, "name"));
            if (removed > 0) {
                ChangeVersion.bump(c);
            }
            return removed > 0;
        });
    }

    /** The documents of {@code section} by name, in name order. */
    public Map<String, String> all(String section) {
        Map<String, String> byName = new LinkedHashMap<>();
        sql.query(
                        "SELECT name, document FROM config_overlay WHERE section = ? ORDER BY name",
                        rs -> Map.entry(rs.getString("name"), rs.getString("document")),
                        requireNonNull(section, "section"))
                .forEach(e -> byName.put(e.getKey(), e.getValue()));
        return byName;
    }
}
