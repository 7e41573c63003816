package dev.meridian.server.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.ProviderHealth;
import dev.meridian.server.upstream.Provider;

/**
 * The live state of model groups and their deployments as JSON, for {@code GET /v1/models} and the admin
 * view: per deployment its provider, region, country, active health, circuit state, requests in flight,
 * whether it is backing off, and its moving average time to first token.
 */
public final class RoutingStatus {

    private RoutingStatus() {}

    /** {@code {"strategy": ..., "smart": ..., "deployments": [...]}} for one group. */
    public static ObjectNode group(ModelGroup group) {
        long now = System.nanoTime();
        ObjectNode node = Json.object();
        node.put("strategy", group.strategy().wireName());
        if (group.smart()) {
            node.put("smart", true);
        }
        ArrayNode deployments = node.putArray("deployments");
        for (Deployment<Route> d : group.deployments()) {
            ObjectNode n = deployments
                    .addObject()
                    .put("id", d.id())
                    .put("provider", d.provider())
                    .put("model", d.target().upstreamModel());
            if (d.region() != null) {
                n.put("region", d.region());
            }
            if (d.country() != null) {
                n.put("country", d.country());
            }
            ProviderHealth health = d.health();
            CircuitBreaker.State circuit = d.breaker().state(now);
            n.put("healthy", health.healthy())
                    .put("available", d.available(now))
                    .put("circuit", circuit.name().toLowerCase(java.util.Locale.ROOT))
                    .put("in_flight", d.inFlight());
            long backOff = d.backOffRemaining(now);
            if (backOff > 0) {
                n.put("backing_off_ms", backOff / 1_000_000L);
            }
            double ewma = d.timeToFirstToken().ewmaNanos();
            if (!Double.isNaN(ewma)) {
                n.put("ttft_ewma_ms", Math.round(ewma / 1e4) / 100.0);
            }
        }
        return node;
    }

    /** Every group and every provider's health, for the admin view. */
    public static ObjectNode all(RouteTable table, Admission admission) {
        ObjectNode root = Json.object();
        ObjectNode groups = root.putObject("models");
        for (ModelGroup g : table.groups()) {
            ObjectNode node = group(g);
            node.withArray("deployments").forEach(d -> {
                String error = table.health(d.path("provider").asText()).lastError();
                if (error != null) {
                    ((ObjectNode) d).put("last_health_error", error);
                }
            });
            groups.set(g.name(), node);
        }
        ObjectNode providers = root.putObject("providers");
        for (Provider p : table.providers()) {
            ProviderHealth h = table.health(p.name());
            ObjectNode n = providers.putObject(p.name()).put("healthy", h.healthy());
            if (h.lastCheckEpochMillis() > 0) {
                n.put(
                        "last_check",
                        java.time.Instant.ofEpochMilli(h.lastCheckEpochMillis()).toString());
            }
            if (h.lastError() != null) {
                n.put("last_error", h.lastError());
            }
        }
        root.putObject("admission")
                .put("in_flight", admission.inFlight())
                .put("queued", admission.queueDepth())
                .put("load", admission.load());
        return root;
    }
}
