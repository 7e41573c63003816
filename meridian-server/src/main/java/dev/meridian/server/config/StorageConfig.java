package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * Where tenants, keys, the request log and the audit log live, and how the request log is written.
 *
 * @param url         a JDBC URL ({@code jdbc:postgresql://host:5432/db} for a cluster); unset means the
 *                    embedded SQLite file {@code meridian.db} in the data directory
 * @param username    database user (PostgreSQL)
 * @param password    database password (PostgreSQL)
 * @param maxPoolSize connections in the pool (default 8)
 * @param requestLog  the request log
 */
public record StorageConfig(String url, String username, String password, int maxPoolSize, RequestLog requestLog) {

    @JsonCreator
    static StorageConfig fromYaml(
            @JsonProperty("url") String url,
            @JsonProperty("username") String username,
            @JsonProperty("password") String password,
            @JsonProperty("maxPoolSize") Integer maxPoolSize,
            @JsonProperty("requestLog") RequestLog requestLog) {
        return new StorageConfig(
                url,
                username,
                password,
                maxPoolSize == null ? 8 : maxPoolSize,
                requestLog == null ? RequestLog.fromYaml(null, null, null, null, null) : requestLog);
    }

    public static StorageConfig defaults() {
        return fromYaml(null, null, null, null, null);
    }

    /**
     * @param enabled        write one record per request (default true)
     * @param segmentSize    size of one journal file (default 16 MiB)
     * @param maxJournalSize the most the journal may hold while the database is unreachable (default 1 GiB,
     *                       about two million records); beyond, records are dropped and counted
     * @param batchSize      the most records per database transaction (default 5000)
     * @param flushInterval  the longest the writer waits for a batch to fill before it writes (default 200ms)
     */
    public record RequestLog(
            boolean enabled, long segmentSize, long maxJournalSize, int batchSize, Duration flushInterval) {
        @JsonCreator
        static RequestLog fromYaml(
                @JsonProperty("enabled") Boolean enabled,
                @JsonProperty("segmentSize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                        Long segmentSize,
                @JsonProperty("maxJournalSize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                        Long maxJournalSize,
                @JsonProperty("batchSize") Integer batchSize,
                @JsonProperty("flushInterval") Duration flushInterval) {
            return new RequestLog(
                    enabled == null || enabled,
                    segmentSize == null ? 16L << 20 : segmentSize,
                    maxJournalSize == null ? 1L << 30 : maxJournalSize,
                    batchSize == null ? 5000 : batchSize,
                    flushInterval == null ? Duration.ofMillis(200) : flushInterval);
        }
    }
}
