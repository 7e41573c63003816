package dev.meridian.store.repo;

import static java.util.Objects.requireNonNull;

import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.model.ProviderCredential;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Provider credentials set through the admin API ({@code provider_credential}, V15), always sealed under the current
 * master key: without one they are refused. Every change moves the store's change version, so each replica applies
 * it at its next poll. Every method blocks on JDBC.
 */
public final class ProviderCredentialRepository {
    private final Sql sql;
    private final KeyRing keys;
    private final Clock clock;

    public ProviderCredentialRepository(DataSource dataSource, Dialect dialect, KeyRing keys, Clock clock) {
        this.sql = new Sql(requireNonNull(dataSource, "dataSource"), requireNonNull(dialect, "dialect"));
        this.keys = requireNonNull(keys, "keys");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Stores {@code apiKey} for {@code provider}, replacing any credential it had.
     *
     * @throws MasterKeyRequiredException when no master key is set: a credential is never stored in the clear
     */
    public ProviderCredential set(String provider, String apiKey, String updatedBy) {
        requireNonNull(provider, "provider");
        requireNonNull(apiKey, "apiKey");
        if (!keys.enabled()) {
            throw new MasterKeyRequiredException("no master key is set (" + KeyRing.CURRENT_ENV
                    + "): provider credentials are only stored encrypted");
        }
        String sealed = keys.seal(apiKey, SealedColumn.CREDENTIAL.where(provider));
        long now = clock.millis();
        sql.inTransaction(c -> {
            Sql.update(
                    c,
                    "INSERT INTO provider_credential (provider, api_key, updated_at, updated_by) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (provider) DO UPDATE SET api_key = excluded.api_key,"
                            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    provider,
                    sealed,
                    now,
                    updatedBy);
            KeyUse.record(c, keys, clock);
            ChangeVersion.bump(c);
            return null;
        });
        return new ProviderCredential(provider, keys.currentId(), java.time.Instant.ofEpochMilli(now), updatedBy);
    }

    /** Removes the credential of {@code provider}; its configured apiKey applies again. True when there was one. */
    public boolean delete(String provider) {
        requireNonNull(provider, "provider");
        return sql.inTransaction(c -> {
            int removed = Sql.update(c, "DELETE FROM provider_credential WHERE provider = ?", provider);
            if (removed > 0) {
                ChangeVersion.bump(c);
            }
            return removed > 0;
        });
    }

    /** What is known of {@code provider}'s stored credential, without the credential. */
    public Optional<ProviderCredential> find(String provider) {
        return sql.queryOne(
                "SELECT provider, api_key, updated_at, updated_by FROM provider_credential WHERE provider = ?",
                rs -> new ProviderCredential(
                        rs.getString("provider"),
                        KeyRing.keyIdOf(rs.getString("api_key")),
                        Sql.instant(rs, "updated_at"),
                        rs.getString("updated_by")),
                requireNonNull(provider, "provider"));
    }

    /**
     * Every stored credential in the clear, by provider, for the upstream calls.
     *
     * @throws dev.meridian.store.crypto.UnreadableSecretException when one is sealed under a key this process lacks
     */
    public Map<String, String> apiKeys() {
        List<Map.Entry<String, String>> rows = sql.query(
                "SELECT provider, api_key FROM provider_credential ORDER BY provider",
                rs -> Map.entry(
                        rs.getString("provider"),
                        keys.open(rs.getString("api_key"), SealedColumn.CREDENTIAL.where(rs.getString("provider")))));
        Map<String, String> byProvider = new LinkedHashMap<>();
        rows.forEach(e -> byProvider.put(e.getKey(), e.getValue()));
        return byProvider;
    }
}
