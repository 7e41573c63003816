package dev.meridian.store.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A column whose values are sealed under the master key when one is set, and the row key that its envelopes are
 * bound to: the associated data is {@code <table>.<column>:<key values joined by />}, so an envelope copied to
 * another row or column does not open.
 */
record SealedColumn(String table, String column, List<String> keyColumns) {
    static final SealedColumn PROMPT = new SealedColumn("request_body", "prompt", List.of("request_id"));
    static final SealedColumn COMPLETION = new SealedColumn("request_body", "completion", List.of("request_id"));
    static final SealedColumn RESPONSE = new SealedColumn("responses", "response", List.of("owner", "id"));
    static final SealedColumn ITEMS = new SealedColumn("responses", "items", List.of("owner", "id"));
    static final SealedColumn CREDENTIAL = new SealedColumn("provider_credential", "api_key", List.of("provider"));

    /** Every sealed column, in the order the re-encryption job walks them. */
    static final List<SealedColumn> ALL = List.of(CREDENTIAL, PROMPT, COMPLETION, RESPONSE, ITEMS);

    /** The place of the value in the row keyed by {@code keys}, as the envelope's associated data. */
    String where(String... keys) {
        return table + "." + column + ":" + String.join("/", keys);
    }

    /** The place of the value in the current row of {@code rs}, which selected the key columns. */
    String where(ResultSet rs) throws SQLException {
        String[] keys = new String[keyColumns.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = rs.getString(keyColumns.get(i));
        }
        return where(keys);
    }

    String keyList() {
        return String.join(", ", keyColumns);
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
