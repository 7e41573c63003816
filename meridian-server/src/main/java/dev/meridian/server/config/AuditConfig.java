package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * Where audit entries go besides the database's hash chain.
 *
 * @param file the rotated JSON-lines file
 * @param webhook the SIEM webhook, or one with a null url (off)
 */
public record AuditConfig(File file, Webhook webhook, Residency residency) {

    public static AuditConfig defaults() {
        return fromYaml(null, null, null);
    }

    @JsonCreator
    static AuditConfig fromYaml(
            @JsonProperty("file") File file,
            @JsonProperty("webhook") Webhook webhook,
            @JsonProperty("residency") Residency residency) {
        return new AuditConfig(
                file == null ? File.fromYaml(null, null, null, null, null, null) : file,
                webhook == null ? Webhook.fromYaml(null, null, null, null, null) : webhook,
                residency == null ? Residency.fromYaml(null, null) : residency);
    }

    /**
     * @param homeCountry where the tenants' data lives: an ISO code, {@code UK} or {@code EU} (then any member state
     *     is home). Every request served by a deployment elsewhere (or of unknown country) is a
     *     {@code residency.transfer} audit entry. Unset: no residency evidence is recorded.
     * @param maxQueue the most transfer entries waiting to be written; beyond, they are dropped and counted
     */
    public record Residency(String homeCountry, int maxQueue) {
        @JsonCreator
        static Residency fromYaml(
                @JsonProperty("homeCountry") String homeCountry, @JsonProperty("maxQueue") Integer maxQueue) {
            return new Residency(
                    homeCountry == null ? null : homeCountry.toUpperCase(java.util.Locale.ROOT),
                    maxQueue == null ? 100_000 : maxQueue);
        }
    }

    /** Adds each problem as "key: message". */
    void check(java.util.List<String> problems) {
        if (residency.homeCountry() != null && !residency.homeCountry().matches("[A-Z]{2}")) {
            problems.add("audit.residency.homeCountry: must be a two-letter country code, UK or EU");
        }
        if (residency.maxQueue() < 1) {
            problems.add("audit.residency.maxQueue: must be at least 1");
        }
        if (file.enabled()) {
            if (file.maxFileSize() < 1) {
                problems.add("audit.file.maxFileSize: must be at least 1 byte");
            }
            if (file.maxHistory() < 1) {
                problems.add("audit.file.maxHistory: must be at least 1");
            }
            if (!file.pattern().contains("%d") || !file.pattern().contains("%i")) {
                problems.add("audit.file.pattern: must hold %d (the period) and %i (the index)");
            }
        }
        if (webhook.url() == null) {
            return;
        }
        if (!webhook.url().startsWith("https://") && !webhook.url().startsWith("http://")) {
            problems.add("audit.webhook.url: must be an http:// or https:// URL");
        }
        if (webhook.secret() == null || webhook.secret().isBlank()) {
            problems.add("audit.webhook.secret: required with audit.webhook.url (the HMAC key of the signature)");
        }
        if (webhook.batchSize() < 1) {
            problems.add("audit.webhook.batchSize: must be at least 1");
        }
        if (webhook.maxQueue() < webhook.batchSize()) {
            problems.add("audit.webhook.maxQueue: must be at least audit.webhook.batchSize");
        }
        if (webhook.flushInterval().toMillis() < 1) {
            problems.add("audit.webhook.flushInterval: must be at least 1ms");
        }
    }

    /**
     * @param enabled write the file (default true)
     * @param path the current file (default {@code audit.jsonl} in the data directory)
     * @param pattern rotated files' names beside it, {@code %d} the period and {@code %i} the index within it
     *     (default {@code audit.%d{yyyy-MM-dd}.%i.jsonl}: daily, and by size within a day)
     * @param maxFileSize rotate when the current file reaches this size (default 100MB)
     * @param maxHistory periods of rotated files kept (default 90)
     * @param totalSizeCap the most all rotated files may take (default 10GB)
     */
    public record File(
            boolean enabled, String path, String pattern, long maxFileSize, int maxHistory, long totalSizeCap) {
        @JsonCreator
        static File fromYaml(
                @JsonProperty("enabled") Boolean enabled,
                @JsonProperty("path") String path,
                @JsonProperty("pattern") String pattern,
                @JsonProperty("maxFileSize") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                        Long maxFileSize,
                @JsonProperty("maxHistory") Integer maxHistory,
                @JsonProperty("totalSizeCap") @JsonDeserialize(using = UnitDeserializers.SizeDeserializer.class)
                        Long totalSizeCap) {
            return new File(
                    enabled == null || enabled,
                    path,
                    pattern == null ? "audit.%d{yyyy-MM-dd}.%i.jsonl" : pattern,
                    maxFileSize == null ? 100L << 20 : maxFileSize,
                    maxHistory == null ? 90 : maxHistory,
                    totalSizeCap == null ? 10L << 30 : totalSizeCap);
        }
    }

    /**
     * @param url where batches are POSTed; unset means no webhook
     * @param secret the HMAC-SHA256 key of the {@code x-meridian-signature} header (required with a url)
     * @param batchSize the most entries per POST (default 100)
     * @param flushInterval the longest an entry waits for its batch to fill (default 1s)
     * @param maxQueue the most entries held while the receiver is down; beyond, the oldest are dropped and counted
     *     (default 100000)
     */
    public record Webhook(String url, String secret, int batchSize, Duration flushInterval, int maxQueue) {
        @JsonCreator
        static Webhook fromYaml(
                @JsonProperty("url") String url,
                @JsonProperty("secret") String secret,
                @JsonProperty("batchSize") Integer batchSize,
                @JsonProperty("flushInterval") Duration flushInterval,
                @JsonProperty("maxQueue") Integer maxQueue) {
            return new Webhook(
                    url,
                    secret,
                    batchSize == null ? 100 : batchSize,
                    flushInterval == null ? Duration.ofSeconds(1) : flushInterval,
                    maxQueue == null ? 100_000 : maxQueue);
        }
    }
}
