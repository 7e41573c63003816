package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.checkSuperAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.server.alerts.Alerts;
import dev.meridian.store.model.OutboxEntry;
import dev.meridian.store.model.OutboxStatus;
import dev.meridian.store.model.Page;
import dev.meridian.store.repo.AlertOutboxRepository;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The admin API's alert endpoints, both the super-admin's: queue a test alert, and read the outbox. Outbox rows hold
 * the alert and the channel's name, never a channel's URL or secret. Blocking (JDBC): worker threads only.
 */
final class AlertAdmin {

    private final Alerts alerts;

    AlertAdmin(Alerts alerts) {
        this.alerts = alerts;
    }

    /** {@code POST /alerts/test} with {@code {"channel": name}}, or no body for every channel. */
    record TestAlert(String channel) {}

    /** What {@code POST /alerts/test} answers (202): the outbox rows queued, one per channel. */
    record Queued(String object, List<String> ids, List<String> channels) {}

    /** Queues the test alerts and audits the fact ({@code alert.test}: which channels, which outbox rows). */
    Queued test(AuditTrail audit, Actor actor, TestAlert body) {
        checkSuperAdmin(actor, "send test alerts");
        String channel = body.channel();
        if (alerts.channels().isEmpty()) {
            throw GatewayException.invalid(
                    "channel", "No alert channel is configured; add one under `alerts.channels` in the configuration.");
        }
        if (channel != null && !alerts.channels().contains(channel)) {
            throw GatewayException.invalid(
                    "channel",
                    "No alert channel `" + channel + "`; configured: " + String.join(", ", alerts.channels()) + ".");
        }
        List<String> ids = alerts.enqueueTest(channel);
        Queued queued =
                new Queued("alert.queued", ids, channel == null ? List.copyOf(alerts.channels()) : List.of(channel));
        audit.record(actor, null, "alert.test", "alert_channel", channel, null, queued);
        return queued;
    }

    /** {@code GET /alerts?status=pending|delivered|failing}: outbox rows, newest first. */
    ListView<OutboxView> list(Actor actor, String status, String cursor, Integer limit) {
        checkSuperAdmin(actor, "read the alert outbox");
        OutboxStatus filter = status(status);
        Page<OutboxEntry> page = Paging.page(
                "cursor", () -> alerts.list(filter, cursor, Paging.limit(limit, AlertOutboxRepository.MAX_PAGE)));
        return new ListView<>(page.items().stream().map(OutboxView::of).toList(), page.nextCursor());
    }

    private static OutboxStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return OutboxStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("status", "`status` must be one of pending, delivered, failing.");
        }
    }

    /** An outbox row as the API shows it: the alert as JSON, and its delivery state. */
    record OutboxView(
            String id,
            String object,
            String channel,
            String tenantId,
            String status,
            JsonNode alert,
            int attempts,
            Instant nextAttemptAt,
            Instant deliveredAt,
            String lastError,
            Instant createdAt) {

        static OutboxView of(OutboxEntry e) {
            String status = e.delivered() ? "delivered" : e.attempts() > 0 ? "failing" : "pending";
            return new OutboxView(
                    e.id(),
                    "alert",
                    e.channel(),
                    e.tenantId(),
                    status,
                    Json.parseTrusted(e.payload()),
                    e.attempts(),
                    e.delivered() ? null : e.nextAttemptAt(),
                    e.deliveredAt(),
                    e.lastError(),
                    e.createdAt());
        }
    }
}
