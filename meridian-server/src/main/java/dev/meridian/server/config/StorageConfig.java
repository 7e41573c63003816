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
 * @param responses   responses stored by the Responses API ({@code POST /v1/responses} with {@code store})
 */
public record StorageConfig(
        String url, String username, String password, int maxPoolSize, RequestLog requestLog, Responses responses) {

    public StorageConfig {
        responses = responses == null ? Responses.DEFAULT : responses;
    }

    public StorageConfig(String url, String username, String password, int maxPoolSize, RequestLog requestLog) {
        this(url, username, password, maxPoolSize, requestLog, null);
    }

    @JsonCreator
    static StorageConfig fromYaml(
            @JsonProperty("url") String url,
            @JsonProperty("username") String username,
            @JsonProperty("password") String password,
            @JsonProperty("maxPoolSize") Integer maxPoolSize,
            @JsonProperty("requestLog") RequestLog requestLog,
            @JsonProperty("responses") Responses responses) {
        return new StorageConfig(
                url,
                username,
                password,
                maxPoolSize == null ? 8 : maxPoolSize,
                requestLog == null
                        ? RequestLog.fromYaml(null, null, null, null, null, null, null, null, null)
                        : requestLog,
                responses);
    }

    public static StorageConfig defaults() {
        return fromYaml(null, null, null, null, null, null);
    }

    /**
     * @param retention        how long a stored response can be retrieved and continued (default 30 days, as OpenAI
     *                         keeps them); expired ones are deleted by a sweep once an hour
     * @param maxPendingWrites the most bytes of answered responses waiting to be written (default 32 MiB); beyond,
     *                         a request that asks to store its response is refused with 503 before it is sent, so a
     *                         slow or unreachable database never fills the heap and no stored response is dropped
     */
    public record Responses(Duration retention, long maxPendingWrites) {

        static final Responses DEFAULT = new Responses(Duration.ofDays(30), 32L << 20);

        @JsonCreator
        static Responses fromYaml(
                @JsonProperty("retention") Duration retention,
                @JsonProperty("maxPendingWrites") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                        Long maxPendingWrites) {
            return new Responses(
                    retention == null ? DEFAULT.retention() : retention,
                    maxPendingWrites == null ? DEFAULT.maxPendingWrites() : maxPendingWrites);
        }
    }

    /**
     * @param enabled        write one record per request (default true)
     * @param segmentSize    size of one journal file (default 8 MiB: the written part of the current one is resident)
     * @param maxJournalSize the most the journal may hold while the database is unreachable (default 1 GiB,
     *                       about two million records); beyond, records are dropped and counted
     * @param batchSize      the most records per database transaction (default 5000)
     * @param flushInterval  the longest the writer waits for a batch to fill before it writes (default 200ms)
     * @param retention      how long request-log rows are kept unless the tenant sets its own (default 400d)
     * @param bodyRetention  how long stored prompts and completions are kept unless the tenant sets its own
     *                       (default 90d; never longer than the rows' retention in force)
     * @param purgeInterval  how often each replica runs the retention job (default 10m)
     * @param purgeBatchSize rows per transaction of the retention job and of an erasure (default 1000)
     */
    public record RequestLog(
            boolean enabled,
            long segmentSize,
            long maxJournalSize,
            int batchSize,
            Duration flushInterval,
            Duration retention,
            Duration bodyRetention,
            Duration purgeInterval,
            int purgeBatchSize) {

        static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
        static final Duration DEFAULT_BODY_RETENTION = Duration.ofDays(90);

        /** The journal's settings, with the default retention. */
        public RequestLog(
                boolean enabled, long segmentSize, long maxJournalSize, int batchSize, Duration flushInterval) {
            this(
                    enabled,
                    segmentSize,
                    maxJournalSize,
                    batchSize,
                    flushInterval,
                    DEFAULT_RETENTION,
                    DEFAULT_BODY_RETENTION,
                    Duration.ofMinutes(10),
                    1000);
        }

        @JsonCreator
        static RequestLog fromYaml(
                @JsonProperty("enabled") Boolean enabled,
                @JsonProperty("segmentSize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                        Long segmentSize,
                @JsonProperty("maxJournalSize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                        Long maxJournalSize,
                @JsonProperty("batchSize") Integer batchSize,
                @JsonProperty("flushInterval") Duration flushInterval,
                @JsonProperty("retention") Duration retention,
                @JsonProperty("bodyRetention") Duration bodyRetention,
                @JsonProperty("purgeInterval") Duration purgeInterval,
                @JsonProperty("purgeBatchSize") Integer purgeBatchSize) {
            return new RequestLog(
                    enabled == null || enabled,
                    segmentSize == null ? 8L << 20 : segmentSize,
                    maxJournalSize == null ? 1L << 30 : maxJournalSize,
                    batchSize == null ? 5000 : batchSize,
                    flushInterval == null ? Duration.ofMillis(200) : flushInterval,
                    retention == null ? DEFAULT_RETENTION : retention,
                    bodyRetention == null ? DEFAULT_BODY_RETENTION : bodyRetention,
                    purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval,
                    purgeBatchSize == null ? 1000 : purgeBatchSize);
        }
    }
}
