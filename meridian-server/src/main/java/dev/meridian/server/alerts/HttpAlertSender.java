package dev.meridian.server.alerts;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.json.Json;
import dev.meridian.store.model.OutboxEntry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.util.function.BiFunction;

/**
 * Posts alerts as JSON to a webhook: the generic one, signed ({@link #webhook}), or Slack's incoming webhook
 * ({@link #slack}). Any 2xx answer is a delivery; anything else fails with the status only, never the URL.
 */
final class HttpAlertSender implements AlertSender {

    /** The longest one delivery may take, connecting included. */
    static final long TIMEOUT_MILLIS = 10_000;

    private final HttpClientAgent client;
    private final String url;
    private final BiFunction<OutboxEntry, Alert, Request> render;

    /** A rendered request: body and extra headers. */
    record Request(byte[] body, MultiMap headers) {}

    private HttpAlertSender(HttpClientAgent client, String url, BiFunction<OutboxEntry, Alert, Request> render) {
        this.client = requireNonNull(client, "client");
        this.url = requireNonNull(url, "url");
        this.render = render;
    }

    /** The generic webhook: the alert's JSON with its id, signed with {@code secret}. */
    static HttpAlertSender webhook(HttpClientAgent client, String url, String secret, Clock clock) {
        requireNonNull(secret, "secret");
        return new HttpAlertSender(client, url, (entry, alert) -> {
            byte[] body = AlertJson.webhookBody(entry);
            long t = clock.instant().getEpochSecond();
            return new Request(
                    body,
                    MultiMap.caseInsensitiveMultiMap()
                            .add(WebhookSignature.HEADER, WebhookSignature.header(secret, t, body))
                            .add("x-meridian-alert-id", entry.id()));
        });
    }

    /** A Slack incoming webhook: {@code {"text": ...}} with the subject in bold and the fields listed. */
    static HttpAlertSender slack(HttpClientAgent client, String url) {
        return new HttpAlertSender(client, url, (entry, alert) -> {
            StringBuilder text =
                    new StringBuilder("*").append(slackEscape(alert.subject())).append("*\n");
            text.append(slackEscape(alert.text()));
            alert.fields()
                    .forEach(
                            (k, v) -> text.append("\n• ").append(k).append(": ").append(slackEscape(v.toString())));
            return new Request(
                    Json.bytes(Json.object().put("text", text.toString())), MultiMap.caseInsensitiveMultiMap());
        });
    }

    /** Slack's three control characters, escaped as its documentation asks. */
    static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public Future<Void> send(OutboxEntry entry, Alert alert) {
        Request r = render.apply(entry, alert);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setTimeout(TIMEOUT_MILLIS)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Meridian-Alerts");
        r.headers().forEach(options::putHeader);
        return client.request(options)
                .compose(req -> req.send(Buffer.buffer(r.body())))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                .recover(e -> Future.failedFuture(new AlertDeliveryException(describe(e))))
                .compose(status -> status / 100 == 2
                        ? Future.succeededFuture()
                        : Future.failedFuture(new AlertDeliveryException("the receiver answered HTTP " + status)));
    }

    /**
     * What went wrong, without the URL: a connection failure names host and port at most, and other messages are
     * left out, since some (Vert.x's timeout) quote the request's path, which for Slack holds the token.
     */
    static String describe(Throwable e) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect (" + e.getMessage() + ")";
        }
        if (e instanceof java.util.concurrent.TimeoutException
                || e.getClass().getSimpleName().contains("Timeout")) {
            return "no answer within " + TIMEOUT_MILLIS / 1000 + " s";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS failed (" + e.getClass().getSimpleName() + ")";
        }
        return "delivery failed (" + e.getClass().getSimpleName() + ")";
    }
}
