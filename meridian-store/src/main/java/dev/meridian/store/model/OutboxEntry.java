package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One alert for one channel in the alert outbox.
 *
 * @param id            assigned by the store ({@code alr_...}); receivers may use it to drop a repeated delivery
 * @param dedupeKey     unique over the whole outbox: the channel's name, a colon, then the key the alert was raised with
 * @param tenantId      the tenant the alert is about, or null for a platform alert
 * @param payload       the alert as JSON
 * @param attempts      failed attempts so far
 * @param nextAttemptAt when it is next due (while a replica sends it: when that replica's claim runs out)
 * @param deliveredAt   when it was delivered, or null
 * @param lastError     why the last attempt failed, or null
 */
public record OutboxEntry(
        String id,
        String dedupeKey,
        String channel,
        String tenantId,
        String payload,
        int attempts,
        Instant nextAttemptAt,
        Instant deliveredAt,
        String lastError,
        Instant createdAt) {

    public OutboxEntry {
        requireNonNull(id, "id");
        requireNonNull(dedupeKey, "dedupeKey");
        requireNonNull(channel, "channel");
        requireNonNull(payload, "payload");
        requireNonNull(nextAttemptAt, "nextAttemptAt");
        requireNonNull(createdAt, "createdAt");
    }

    /** Whether it was delivered. */
    public boolean delivered() {
        return deliveredAt != null;
    }
}
