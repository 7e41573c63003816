package dev.meridian.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import dev.meridian.store.model.OutboxEntry;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** An alert as the outbox stores it, and as the generic webhook receives it. */
final class AlertJson {

    private AlertJson() {}

    /** The outbox payload: {@code {"kind", "tenant_id", "subject", "text", "fields"}}. */
    static String payload(Alert alert) {
        ObjectNode n = Json.object();
        n.put("kind", alert.kind());
        n.put("tenant_id", alert.tenantId());
        n.put("subject", alert.subject());
        n.put("text", alert.text());
        ObjectNode fields = n.putObject("fields");
        alert.fields().forEach((k, v) -> {
            if (v instanceof String s) {
                fields.put(k, s);
            } else if (v instanceof Boolean b) {
                fields.put(k, b);
            } else if (v instanceof BigDecimal d) {
                fields.put(k, d);
            } else if (v instanceof Double || v instanceof Float) {
                fields.put(k, ((Number) v).doubleValue());
            } else {
                fields.put(k, ((Number) v).longValue());
            }
        });
        return new String(Json.bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The alert an outbox payload holds. */
    static Alert alert(String payload) {
        JsonNode n = Json.parseTrusted(payload);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            fields.put(f.getKey(), v.isBoolean() ? v.booleanValue() : v.isNumber() ? v.decimalValue() : v.asText());
        }
        return new Alert(
                n.path("kind").asText(),
                Json.text(n, "tenant_id"),
                n.path("subject").asText(),
                n.path("text").asText(),
                fields);
    }

    /**
     * The generic webhook's body: the payload with the entry's {@code id} (the same on every retry, so a receiver
     * can drop a repeated delivery), {@code channel} and {@code created_at} in front.
     */
    static byte[] webhookBody(OutboxEntry entry) {
        ObjectNode n = Json.object();
        n.put("id", entry.id());
        n.put("channel", entry.channel());
        n.put("created_at", entry.createdAt().toString());
        n.setAll((ObjectNode) Json.parseTrusted(entry.payload()));
        return Json.bytes(n);
    }
}
