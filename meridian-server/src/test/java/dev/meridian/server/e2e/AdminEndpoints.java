package dev.meridian.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The admin API's operations as its OpenAPI document lists them, and a body each would accept, for access tests. */
final class AdminEndpoints {

    private AdminEndpoints() {}

    record Endpoint(String method, String template) {}

    /** Every operation of the admin API's OpenAPI document. */
    static List<Endpoint> of(JsonNode openApi) {
        List<Endpoint> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (String m : List.of("get", "post", "patch", "delete", "put")) {
                if (p.getValue().has(m)) {
                    out.add(new Endpoint(m.toUpperCase(java.util.Locale.ROOT), p.getKey()));
                }
            }
        }
        return out;
    }

    /** A body that would succeed in the actor's own tenant, so only isolation can refuse it. */
    static String body(Endpoint e) {
        if (e.method().equals("GET") || e.method().equals("DELETE")) {
            return null;
        }
        return switch (e.template()) {
            case "/tenants", "/tenants/{tenantId}/teams", "/tenants/{tenantId}/keys" -> "{\"name\":\"evil\"}";
            case "/tenants/{tenantId}" -> "{\"store_bodies\":true}";
            case "/tenants/{tenantId}/users" -> "{\"email\":\"evil@evil.example\",\"name\":\"Evil\"}";
            case "/tenants/{tenantId}/users/{userId}" -> "{\"name\":\"Evil\"}";
            case "/tenants/{tenantId}/keys/{keyId}/rotate" -> "{\"grace_seconds\":0}";
            case "/tenants/{tenantId}/keys/{keyId}" -> "{\"rate_limits\":{\"requests_per_minute\":1}}";
            case "/plans" ->
                "{\"name\":\"evil\",\"monthly_tokens\":1,\"monthly_cost_limit_usd\":1,"
                        + "\"requests_per_minute\":1,\"models\":[\"*\"]}";
            case "/plans/{planName}" -> "{\"requests_per_minute\":0}";
            case "/tenants/{tenantId}/budgets" -> "{\"scope\":\"tenant\",\"period\":\"week\",\"limit_usd\":1}";
            case "/tenants/{tenantId}/budgets/{budgetId}" -> "{\"limit_usd\":2}";
            case "/tenants/{tenantId}/erasure" -> "{\"key_id\":\"key_nobody\"}";
            default -> "{}";
        };
    }
}
