package dev.meridian.server.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.routing.ResidencyRules;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.store.model.AuditEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Residency evidence: every request whose data was sent to a deployment outside the home country becomes an audit
 * entry ({@code residency.transfer}) per such deployment, with the rule it was held to, the source and the
 * destination country, and whether that deployment served the answer (a failed or hedged attempt sent the data too). On the
 * event loop {@link #record} only compares two strings and, for a transfer, queues an entry; a timer drains the
 * queue in batches to the audit chain on a worker thread, one transaction per batch. A failed batch is counted and
 * tried again at the next tick; beyond {@code maxQueue} entries waiting, new ones are dropped and counted.
 */
public final class ResidencyAudit {

    /** The audit action of a cross-border transfer. */
    public static final String ACTION = "residency.transfer";

    private static final Logger LOG = LoggerFactory.getLogger(ResidencyAudit.class);
    private static final String HOME = "home";

    private final String homeCountry;
    private final Map<String, ResidencyRules> homes = new ConcurrentHashMap<>();
    private final int batchSize;
    private final int maxQueue;
    private final ConcurrentLinkedQueue<AuditEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter recorded;
    private final Counter failures;
    private final Counter dropped;
    private volatile boolean writing;
    private List<AuditEntry> retry;

    /**
     * @param homeCountry where the tenants' data lives (ISO code, {@code UK} or {@code EU}) unless a tenant has its
     *     own home country, or null: evidence only for tenants with their own
     */
    public ResidencyAudit(String homeCountry, int batchSize, int maxQueue, MeterRegistry registry) {
        this.homeCountry = homeCountry;
        this.batchSize = batchSize;
        this.maxQueue = maxQueue;
        this.recorded = AuditMetrics.sent(registry, "residency");
        this.failures = AuditMetrics.failures(registry, "residency");
        this.dropped = AuditMetrics.dropped(registry, "residency");
    }

    /**
     * Queues the evidence of {@code ctx}: one entry per deployment abroad that a call of the request was sent to,
     * the one that served it and those whose attempts failed or lost alike ({@code served} tells them apart). Cheap;
     * for the event loop.
     */
    public void record(RequestContext ctx) {
        String country = homeOf(ctx.principal());
        if (country == null || ctx.reached().isEmpty()) {
            return;
        }
        ResidencyRules home = homes.computeIfAbsent(country, c -> ResidencyRules.of(Map.of(HOME, List.of(c))));
        RequestContext.Served served = ctx.served();
        for (RequestContext.Reached r : ctx.reached()) {
            if (!home.allows(HOME, r.country())) {
                offer(entry(
                        ctx, country, r, served != null && served.deployment().equals(r.deployment()), served));
            }
        }
    }

    /** Where {@code caller}'s data lives: its tenant's own home country, else the gateway's; null for none. */
    String homeOf(Principal caller) {
        return caller != null && caller.homeCountry() != null ? caller.homeCountry() : homeCountry;
    }

    /** Queues one entry, or drops and counts it when {@code maxQueue} are waiting. */
    void offer(AuditEntry entry) {
        if (queued.incrementAndGet() > maxQueue) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.add(entry);
    }

    private static AuditEntry entry(
            RequestContext ctx,
            String homeCountry,
            RequestContext.Reached reached,
            boolean answered,
            RequestContext.Served served) {
        ObjectNode after = JsonNodeFactory.instance.objectNode();
        after.put("rule", ctx.residencyRule());
        after.put("source_country", homeCountry);
        after.put("destination_country", reached.country());
        after.put("region", reached.region());
        after.put("deployment", reached.deployment());
        after.put("served", answered);
        after.put("model", answered ? served.group() : null);
        String tenant = ctx.principal() == null ? null : ctx.principal().tenantId();
        return AuditEntry.of("system", tenant, ACTION, "request", ctx.requestId(), null, AuditJson.text(after), null);
    }

    /** Drains the queue every {@code intervalMillis} into {@code append} (the audit trail's batch append). */
    public void start(Vertx vertx, long intervalMillis, Consumer<List<AuditEntry>> append) {
        requireNonNull(append, "append");
        vertx.setPeriodic(intervalMillis, id -> {
            if (writing || (queue.isEmpty() && retry == null)) {
                return;
            }
            writing = true;
            vertx.executeBlocking(() -> drain(append), false).onComplete(ar -> writing = false);
        });
    }

    /**
     * Writes every queued entry, a batch per transaction; a failed batch is kept and written first next time. One
     * drain at a time (the timer's {@code writing} flag).
     */
    int drain(Consumer<List<AuditEntry>> append) {
        int written = 0;
        while (true) {
            List<AuditEntry> batch = retry;
            retry = null;
            if (batch == null) {
                batch = new ArrayList<>(batchSize);
                AuditEntry e;
                while (batch.size() < batchSize && (e = queue.poll()) != null) {
                    batch.add(e);
                }
            }
            if (batch.isEmpty()) {
                return written;
            }
            try {
                append.accept(batch);
            } catch (RuntimeException ex) {
                failures.increment();
                retry = batch;
                LOG.warn("{} residency audit entries not written yet, will retry: {}", batch.size(), ex.toString());
                return written;
            }
            queued.addAndGet(-batch.size());
            recorded.increment(batch.size());
            written += batch.size();
        }
    }

    /** Entries waiting to be written. */
    public int pending() {
        return queued.get();
    }
}
