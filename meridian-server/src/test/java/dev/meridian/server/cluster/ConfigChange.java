package dev.meridian.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A change made once through the admin API that every replica must apply, with no restart: how to set up a caller
 * it affects, the change itself, and how a chat answer shows it was applied. {@code ClusterIT} applies each
 * through one replica and polls every replica until its answers show it.
 */
interface ConfigChange {

    AtomicInteger NAMES = new AtomicInteger();

    String name();

    /** The model the caller asks for. */
    String model();

    /** Creates what the change applies to; returns the secret of a caller key it affects. */
    String prepare(Calls admin);

    /** Makes the change. */
    void apply(Calls admin);

    /** Whether an answer to the caller shows the change (false before it). */
    boolean applied(HttpResponse<String> answer);

    /** The changes proven today. */
    static List<ConfigChange> all() {
        return List.of(new PlanDropsAModel(), new BudgetDowngradesTheRoute(), new ModelGroupPriceChanges());
    }

    private static String key(Calls admin, String tenant) {
        return admin.admin("POST", "/tenants/" + tenant + "/keys", "{\"name\":\"app\"}", 201)
                .path("secret")
                .asText();
    }

    /** {@code PATCH /plans/{name}} drops the model the tenant's plan allowed: 403 on every replica. */
    final class PlanDropsAModel implements ConfigChange {
        private final String plan = "cluster-plan-" + NAMES.incrementAndGet();

        @Override
        public String name() {
            return "PATCH /plans/" + plan + " {models: [cheap]}";
        }

        @Override
        public String model() {
            return "priced";
        }

        @Override
        public String prepare(Calls admin) {
            admin.admin(
                    "POST",
                    "/plans",
                    "{\"name\":\"" + plan + "\",\"monthly_tokens\":100000000,\"monthly_cost_limit_usd\":1000,"
                            + "\"requests_per_minute\":100000,\"models\":[\"priced\",\"cheap\"]}",
                    201);
            JsonNode tenant =
                    admin.admin("POST", "/tenants", "{\"name\":\"" + plan + "\",\"plan\":\"" + plan + "\"}", 201);
            return key(admin, tenant.path("id").asText());
        }

        @Override
        public void apply(Calls admin) {
            admin.admin("PATCH", "/plans/" + plan, "{\"models\":[\"cheap\"]}", 200);
        }

        @Override
        public boolean applied(HttpResponse<String> answer) {
            return answer.statusCode() == 403;
        }
    }

    /**
     * A downgrade budget with no room, {@code downgrade_to: cheap}: every replica routes {@code priced} to
     * {@code cheap} ({@code x-meridian-degraded-from: priced}).
     */
    final class BudgetDowngradesTheRoute implements ConfigChange {
        private String tenant;
        private String keyId;

        @Override
        public String name() {
            return "POST /tenants/{id}/budgets {on_exceed: downgrade, downgrade_to: cheap}";
        }

        @Override
        public String model() {
            return "priced";
        }

        @Override
        public String prepare(Calls admin) {
            tenant = admin.admin(
                            "POST",
                            "/tenants",
                            "{\"name\":\"cluster-route-" + NAMES.incrementAndGet() + "\",\"plan\":\"enterprise\"}",
                            201)
                    .path("id")
                    .asText();
            JsonNode key = admin.admin("POST", "/tenants/" + tenant + "/keys", "{\"name\":\"app\"}", 201);
            keyId = key.path("id").asText();
            return key.path("secret").asText();
        }

        @Override
        public void apply(Calls admin) {
            admin.admin(
                    "POST",
                    "/tenants/" + tenant + "/budgets",
                    "{\"scope\":\"key\",\"scope_id\":\"" + keyId + "\",\"period\":\"total\",\"limit_usd\":0,"
                            + "\"on_exceed\":\"downgrade\",\"downgrade_to\":\"cheap\"}",
                    201);
        }

        @Override
        public boolean applied(HttpResponse<String> answer) {
            return answer.statusCode() == 200
                    && answer.headers()
                            .firstValue("x-meridian-degraded-from")
                            .filter("priced"::equals)
                            .isPresent();
        }
    }

    /**
     * A model group created through {@code PUT /config/models/{name}} at $500 per million output tokens, then put
     * again at $1,000: every replica serves the new group and then charges the new price
     * ({@code x-meridian-cost-usd} 0.001 for one output token).
     */
    final class ModelGroupPriceChanges implements ConfigChange {
        private final String group = "cluster-group-" + NAMES.incrementAndGet();

        @Override
        public String name() {
            return "PUT /config/models/" + group + " {price: {output: 500 -> 1000}}";
        }

        @Override
        public String model() {
            return group;
        }

        private static String body(int outputPrice) {
            return "{\"provider\":\"sim\",\"model\":\"gpt-4o-mini\",\"price\":{\"input\":0,\"output\":" + outputPrice
                    + ",\"cachedInput\":0}}";
        }

        @Override
        public String prepare(Calls admin) {
            admin.admin("PUT", "/config/models/" + group, body(500), 200);
            JsonNode tenant =
                    admin.admin("POST", "/tenants", "{\"name\":\"" + group + "\",\"plan\":\"enterprise\"}", 201);
            return key(admin, tenant.path("id").asText());
        }

        @Override
        public void apply(Calls admin) {
            admin.admin("PUT", "/config/models/" + group, body(1000), 200);
        }

        @Override
        public boolean applied(HttpResponse<String> answer) {
            return answer.statusCode() == 200
                    && answer.headers()
                            .firstValue("x-meridian-cost-usd")
                            .map(c -> Math.abs(Double.parseDouble(c) - 0.001) < 1e-9)
                            .orElse(false);
        }
    }
}
