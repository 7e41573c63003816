package dev.meridian.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The tenant that target gateway-limits calls through, created with the admin API of the default gateway: a plan with
 * monthly tokens and cost, a tenant budget and a key budget (both $1M a month), and request and token rates per
 * minute on the tenant and the key, all far above what the benchmark sends, so that every check runs on every request and none refuses. The gateway counts
 * the limits exactly as it would for a real tenant: its cost per request over the configuration key's is what the
 * checks cost.
 */
final class LimitsTenant {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String admin;

    LimitsTenant(int gatewayPort) {
        this.admin = "http://127.0.0.1:" + gatewayPort + "/admin/v1";
    }

    /** Creates the tenant, its key, budgets and limits; returns the key's secret. */
    String create() throws IOException, InterruptedException {
        // Far above what a run sends (a run serves hundreds of millions of tokens: enterprise's 100M ran out).
        send(
                "POST",
                "/plans",
                "{\"name\":\"bench\",\"monthly_tokens\":1000000000000000,\"monthly_cost_limit_usd\":1000000000,"
                        + "\"requests_per_minute\":1000000000,\"tokens_per_minute\":1000000000000,\"models\":[\"*\"]}");
        String tenant = send("POST", "/tenants", "{\"name\":\"bench-limits\",\"plan\":\"bench\"}")
                .path("id")
                .asText();
        JsonNode key = send("POST", "/tenants/" + tenant + "/keys", "{\"name\":\"bench\"}");
        String keyId = key.path("id").asText();
        send(
                "POST",
                "/tenants/" + tenant + "/budgets",
                "{\"scope\":\"tenant\",\"period\":\"month\",\"limit_usd\":1e6}");
        send(
                "POST",
                "/tenants/" + tenant + "/budgets",
                "{\"scope\":\"key\",\"scope_id\":\"" + keyId + "\",\"period\":\"month\",\"limit_usd\":1e6}");
        String rates = "{\"rate_limits\":{\"requests_per_minute\":100000000,\"tokens_per_minute\":1000000000}}";
        send("PATCH", "/tenants/" + tenant, rates);
        send("PATCH", "/tenants/" + tenant + "/keys/" + keyId, rates);
        return key.path("secret").asText();
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(admin + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("authorization", "Bearer " + ServerConfigs.ADMIN_KEY)
                        .header("content-type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
