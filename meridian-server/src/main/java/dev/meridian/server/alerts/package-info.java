/**
 * Durable alert delivery: {@link dev.meridian.server.alerts.Alerts} queues an alert in the database's outbox, one row
 * per channel that takes it, and the {@link dev.meridian.server.alerts.AlertDispatcher} sends due rows through the
 * channel's {@link dev.meridian.server.alerts.AlertSender} (signed webhook, Slack, e-mail), retrying with backoff
 * until each is delivered. Budget thresholds raise alerts here.
 */
package dev.meridian.server.alerts;
