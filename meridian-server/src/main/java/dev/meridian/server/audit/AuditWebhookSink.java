package dev.meridian.server.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.server.alerts.AlertBackoff;
import dev.meridian.server.alerts.WebhookSignature;
import dev.meridian.store.model.ChainedAuditEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends audit entries to a SIEM in batches: {@code POST {"entries": [...]}} with each entry's chain fields, signed
 * like the alert webhooks ({@link WebhookSignature}: {@code x-meridian-signature: t=<unix s>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<body>")>}). Entries wait in a bounded queue in memory; a batch leaves when it is full or
 * at the flush interval, one batch at a time, in chain order. A failed batch is counted and sent again after the
 * alerts' backoff (1 s doubling to 10 min, jittered); when the queue is full the oldest entries are dropped and
 * counted. The database chain stays the record: the {@code seq} of each entry shows a receiver any gap.
 */
public final class AuditWebhookSink implements AuditSink {

    /** The longest one delivery may take. */
    static final long TIMEOUT_MILLIS = 10_000;

    private volatile Vertx vertx;
    private HttpClientAgent client;
    private final String url;
    private final String secret;
    private final int batchSize;
    private final int maxQueue;
    private final Clock clock;
    private final AlertBackoff backoff;
    private final Counter sent;
    private final Counter failures;
    private final Counter dropped;
    private final long flushMillis;
    private long timer = -1;

    private final ArrayDeque<ChainedAuditEntry> queue = new ArrayDeque<>();
    private boolean inFlight;
    private int failuresInARow;
    private long nextAttemptMillis;

    /** Queues from now on; delivers once {@link #start}ed. */
    public AuditWebhookSink(
            String url,
            String secret,
            int batchSize,
            long flushMillis,
            int maxQueue,
            MeterRegistry registry,
            Clock clock,
            AlertBackoff backoff) {
        this.url = requireNonNull(url, "url");
        this.secret = requireNonNull(secret, "secret");
        this.batchSize = batchSize;
        this.maxQueue = maxQueue;
        this.clock = requireNonNull(clock, "clock");
        this.backoff = requireNonNull(backoff, "backoff");
        this.sent = AuditMetrics.sent(registry, name());
        this.failures = AuditMetrics.failures(registry, name());
        this.dropped = AuditMetrics.dropped(registry, name());
        Gauge.builder("meridian_audit_sink_pending", this, AuditWebhookSink::pending)
                .description("Audit entries waiting for the sink")
                .tag("sink", name())
                .register(registry);
        this.flushMillis = flushMillis;
    }

    /** Starts delivering on {@code vertx} with {@code client}: a batch every flush interval, or as soon as one is full. */
    public void start(Vertx vertx, HttpClientAgent client) {
        this.client = requireNonNull(client, "client");
        this.timer = vertx.setPeriodic(flushMillis, id -> flush());
        this.vertx = requireNonNull(vertx, "vertx");
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void accept(List<ChainedAuditEntry> entries) {
        boolean full;
        synchronized (queue) {
            queue.addAll(entries);
            while (queue.size() > maxQueue) {
                queue.pollFirst();
                dropped.increment();
            }
            full = queue.size() >= batchSize;
        }
        Vertx v = vertx;
        if (full && v != null) {
            v.runOnContext(ignored -> flush());
        }
    }

    /** Entries not yet delivered. */
    public int pending() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Sends the next batch, unless one is on its way or the backoff says wait. */
    void flush() {
        List<ChainedAuditEntry> batch = new ArrayList<>();
        synchronized (queue) {
            if (client == null || inFlight || queue.isEmpty() || clock.millis() < nextAttemptMillis) {
                return;
            }
            for (ChainedAuditEntry e : queue) {
                if (batch.size() == batchSize) {
                    break;
                }
                batch.add(e);
            }
            inFlight = true;
        }
        byte[] body = body(batch);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .setTimeout(TIMEOUT_MILLIS)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Meridian-Audit")
                .putHeader(
                        WebhookSignature.HEADER,
                        WebhookSignature.header(secret, clock.instant().getEpochSecond(), body));
        client.request(options)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                .onComplete(ar -> done(batch, ar.succeeded() && ar.result() / 100 == 2));
    }

    private void done(List<ChainedAuditEntry> batch, boolean delivered) {
        boolean more;
        synchronized (queue) {
            inFlight = false;
            if (delivered) {
                failuresInARow = 0;
                nextAttemptMillis = 0;
                for (ChainedAuditEntry e : batch) {
                    // The queue may have dropped the batch's oldest entries meanwhile: remove only what is still there.
                    if (queue.peekFirst() == e) {
                        queue.pollFirst();
                    }
                }
                sent.increment(batch.size());
            } else {
                failuresInARow++;
                failures.increment();
                nextAttemptMillis =
                        clock.millis() + backoff.after(failuresInARow).toMillis();
            }
            more = delivered && queue.size() >= batchSize;
        }
        if (more) {
            vertx.runOnContext(v -> flush());
        }
    }

    static byte[] body(List<ChainedAuditEntry> batch) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode entries = root.putArray("entries");
        batch.forEach(e -> entries.add(AuditJson.chained(e)));
        return AuditJson.encodable(AuditJson.text(root)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Vertx v = vertx;
        if (v != null) {
            v.cancelTimer(timer);
        }
    }
}
