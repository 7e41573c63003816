package dev.meridian.server.alerts;

import dev.meridian.store.model.OutboxEntry;
import io.vertx.core.Future;

/**
 * Delivers one outbox entry over one channel. Called on an event loop; must not block.
 *
 * <p>The future succeeds once the receiver accepted the alert (a 2xx answer, an SMTP server's acceptance) and fails
 * otherwise, with a message that is kept in the outbox and shown by the admin API: it must never hold a secret, a
 * password or a URL (a Slack webhook's URL is itself a credential).
 */
@FunctionalInterface
public interface AlertSender {

    Future<Void> send(OutboxEntry entry, Alert alert);
}
