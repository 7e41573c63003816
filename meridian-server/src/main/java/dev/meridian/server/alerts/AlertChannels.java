package dev.meridian.server.alerts;

import dev.meridian.server.config.AlertsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.mail.MailClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sender of each configured channel, and the clients they share: one HTTP client, one SMTP client. */
final class AlertChannels {

    private final Map<String, AlertSender> senders;
    private final HttpClientAgent http;
    private final MailClient mail;

    private AlertChannels(Map<String, AlertSender> senders, HttpClientAgent http, MailClient mail) {
        this.senders = senders;
        this.http = http;
        this.mail = mail;
    }

    static AlertChannels of(Vertx vertx, AlertsConfig config, Clock clock) {
        HttpClientAgent http = vertx.createHttpClient(
                new HttpClientOptions()
                        .setName("meridian-alerts")
                        .setConnectTimeout((int) HttpAlertSender.TIMEOUT_MILLIS)
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(30)
                        .setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(8));
        MailClient mail = config.smtp() == null ? null : EmailAlertSender.client(vertx, config.smtp());
        Map<String, AlertSender> senders = new LinkedHashMap<>();
        config.channels()
                .forEach((name, c) -> senders.put(
                        name,
                        switch (c.kind()) {
                            case WEBHOOK -> HttpAlertSender.webhook(http, c.url(), c.secret(), clock);
                            case SLACK -> HttpAlertSender.slack(http, c.url());
                            case EMAIL -> EmailAlertSender.of(mail, config.smtp(), c.to());
                        }));
        return new AlertChannels(senders, http, mail);
    }

    /** The sender of {@code channel}, or null when no channel has that name (any more). */
    AlertSender sender(String channel) {
        return senders.get(channel);
    }

    Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        closing.add(http.close());
        if (mail != null) {
            closing.add(mail.close());
        }
        return Future.join(closing).mapEmpty();
    }
}
