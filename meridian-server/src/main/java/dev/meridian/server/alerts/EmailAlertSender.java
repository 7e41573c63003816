package dev.meridian.server.alerts;

import static java.util.Objects.requireNonNull;

import dev.meridian.server.config.AlertsConfig;
import dev.meridian.store.model.OutboxEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.List;

/** Sends alerts as plain-text e-mail through the configured SMTP server, one message to all of a channel's recipients. */
final class EmailAlertSender implements AlertSender {

    private final MailClient client;
    private final String from;
    private final List<String> to;

    private EmailAlertSender(MailClient client, String from, List<String> to) {
        this.client = client;
        this.from = from;
        this.to = List.copyOf(to);
    }

    /** A sender to {@code to} through {@code client} (one per SMTP server, shared by the e-mail channels). */
    static EmailAlertSender of(MailClient client, AlertsConfig.Smtp smtp, List<String> to) {
        return new EmailAlertSender(requireNonNull(client, "client"), smtp.from(), to);
    }

    /** The mail client of {@code smtp}: TLS as configured, host names verified whenever TLS is used. */
    static MailClient client(Vertx vertx, AlertsConfig.Smtp smtp) {
        MailConfig config = new MailConfig()
                .setHostname(smtp.host())
                .setPort(smtp.port())
                .setSsl(smtp.ssl())
                .setStarttls(
                        switch (smtp.starttls()) {
                            case AlertsConfig.Smtp.NONE -> StartTLSOptions.DISABLED;
                            case AlertsConfig.Smtp.OPTIONAL -> StartTLSOptions.OPTIONAL;
                            default -> StartTLSOptions.REQUIRED;
                        })
                .setHostnameVerificationAlgorithm("HTTPS")
                .setConnectTimeout((int) HttpAlertSender.TIMEOUT_MILLIS)
                .setLogin(smtp.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED);
        if (smtp.username() != null) {
            config.setUsername(smtp.username()).setPassword(smtp.password());
        }
        return MailClient.create(vertx, config);
    }

    @Override
    public Future<Void> send(OutboxEntry entry, Alert alert) {
        StringBuilder text = new StringBuilder(alert.text()).append("\n");
        if (!alert.fields().isEmpty()) {
            text.append("\n");
            alert.fields()
                    .forEach((k, v) -> text.append(k).append(": ").append(v).append("\n"));
        }
        text.append("\nAlert ").append(entry.id()).append(" from Meridian.\n");
        MailMessage message = new MailMessage()
                .setFrom(from)
                .setTo(to)
                .setSubject(alert.subject())
                .setText(text.toString());
        return client.sendMail(message)
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(new AlertDeliveryException("SMTP: " + safe(e))));
    }

    /** The SMTP server's reply or the failure's kind; a mail client never puts the password in its messages. */
    private static String safe(Throwable e) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect (" + e.getMessage() + ")";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 300 ? m.substring(0, 300) : m;
    }
}
