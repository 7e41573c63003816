package dev.meridian.server.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code meridian_alerts_sent_total{channel}}, {@code meridian_alerts_failed_total{channel}} (failed attempts, each
 * retried) and {@code meridian_alerts_pending} (undelivered outbox rows of every replica, read each dispatcher tick).
 */
final class AlertMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();

    AlertMetrics(MeterRegistry registry, Collection<String> channels) {
        this.registry = registry;
        // Every configured channel shows 0 from the start, so a rate over it exists before its first alert.
        channels.forEach(c -> {
            sent(c);
            failed(c);
        });
        Gauge.builder("meridian_alerts_pending", pending, AtomicLong::get)
                .description("Alerts in the outbox not delivered yet")
                .register(registry);
    }

    void delivered(String channel) {
        sent(channel).increment();
    }

    void failedAttempt(String channel) {
        failed(channel).increment();
    }

    void pending(long count) {
        pending.set(count);
    }

    private Counter sent(String channel) {
        return sent.computeIfAbsent(
                channel,
                c -> Counter.builder("meridian_alerts_sent")
                        .description("Alerts delivered")
                        .tag("channel", c)
                        .register(registry));
    }

    private Counter failed(String channel) {
        return failed.computeIfAbsent(
                channel,
                c -> Counter.builder("meridian_alerts_failed")
                        .description("Alert delivery attempts that failed (each is retried)")
                        .tag("channel", c)
                        .register(registry));
    }
}
