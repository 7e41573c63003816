package dev.meridian.server.audit;

import dev.meridian.server.alerts.AlertBackoff;
import dev.meridian.server.config.AuditConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The sinks {@code audit.*} configures, built before Vert.x runs and started with it. */
public final class AuditSinks {

    /** The file name inside MERIDIAN_HOME. */
    public static final String FILE = "audit.jsonl";

    private final List<AuditSink> sinks;
    private final AuditWebhookSink webhook;

    private AuditSinks(List<AuditSink> sinks, AuditWebhookSink webhook) {
        this.sinks = List.copyOf(sinks);
        this.webhook = webhook;
    }

    /** The file ({@code audit.file.path}, else {@code audit.jsonl} in {@code home}) and the webhook, as configured. */
    public static AuditSinks of(AuditConfig config, Path home, MeterRegistry registry) {
        List<AuditSink> sinks = new ArrayList<>();
        AuditConfig.File f = config.file();
        if (f.enabled()) {
            Path file = f.path() == null ? home.resolve(FILE) : Path.of(f.path());
            sinks.add(new AuditFileSink(
                    file, f.pattern(), f.maxFileSize(), f.maxHistory(), f.totalSizeCap(), registry, null));
        }
        AuditWebhookSink webhook = null;
        AuditConfig.Webhook w = config.webhook();
        if (w.url() != null) {
            webhook = new AuditWebhookSink(
                    w.url(),
                    w.secret(),
                    w.batchSize(),
                    w.flushInterval().toMillis(),
                    w.maxQueue(),
                    registry,
                    Clock.systemUTC(),
                    new AlertBackoff(() -> ThreadLocalRandom.current().nextDouble()));
            sinks.add(webhook);
        }
        return new AuditSinks(sinks, webhook);
    }

    /** The default file sink alone: {@code file}, rotated daily and at 100 MB, 90 days kept. */
    public static AuditSink defaultFile(Path file) {
        AuditConfig.File f = AuditConfig.defaults().file();
        return new AuditFileSink(file, f.pattern(), f.maxFileSize(), f.maxHistory(), f.totalSizeCap(), null, null);
    }

    public List<AuditSink> list() {
        return sinks;
    }

    /** Starts the webhook's deliveries, if there is one. */
    public void start(Vertx vertx) {
        if (webhook != null) {
            webhook.start(
                    vertx,
                    vertx.createHttpClient(
                            new HttpClientOptions()
                                    .setName("meridian-audit")
                                    .setConnectTimeout((int) AuditWebhookSink.TIMEOUT_MILLIS)
                                    .setKeepAlive(true)
                                    .setVerifyHost(true),
                            new PoolOptions().setHttp1MaxSize(2)));
        }
    }
}
