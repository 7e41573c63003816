package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A budget whose spend crosses one of its {@code alert_at} fractions raises an alert through the configured
 * channels, once per budget, period and fraction, however many requests pass it.
 */
class BudgetAlertIT {

    private static AlertReceiver receiver;
    private static GatewayFixture gateway;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        receiver = AlertReceiver.start();
        gateway = GatewayFixture.startWith(
                "",
                """
                  priced:
                    provider: sim-openai
                    model: gpt-4o-mini
                    price: {input: 500, output: 500}
                """,
                GatewayFixture.SINGLE_ATTEMPT + """
                alerts:
                  channels:
                    finance: {type: webhook, url: "%s", secret: %s}
                """.formatted(receiver.url("/finance"), KnownSecrets.WEBHOOK_SECRET),
                GatewayFixture.ADMIN_KEY);
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    private static List<JsonNode> budgetAlerts() {
        return receiver.on("/finance").stream()
                .map(r -> Json.parseTrusted(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)))
                .filter(a -> a.path("kind").asText().equals("budget_threshold"))
                .toList();
    }

    @Test
    void crossingAnAlertFraction_sendsOneAlert_andFurtherSpendSendsNoSecond() {
        String tenant = admin.post("/tenants", "{\"name\":\"alerted\",\"plan\":\"enterprise\"}")
                .text("id");
        AdminClient.Answer key = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}");
        // Each request costs about $0.015 at $500 per 1M tokens (it reserves ~$8: 16,384 output tokens may come, the
        // model's limit); the alert at 0.1 % of $20 ($0.02) fires on the second request.
        AdminClient.Answer budget = admin.post(
                "/tenants/" + tenant + "/budgets",
                "{\"scope\":\"key\",\"scope_id\":\"" + key.text("id")
                        + "\",\"period\":\"month\",\"limit_usd\":20,\"alert_at\":[0.001,0.9]}");
        assertThat(budget.status()).as(budget.body()).isEqualTo(201);

        for (int i = 0; i < 5; i++) {
            assertThat(admin.chat(key.text("secret"), "priced").status()).isEqualTo(200);
        }

        Poll.until(() -> !budgetAlerts().isEmpty(), "the finance webhook receives the budget alert");
        assertThat(admin.get("/tenants/" + tenant + "/budgets/" + budget.text("id"))
                        .json()
                        .path("spent_usd")
                        .asDouble())
                .isGreaterThan(0.02)
                .isLessThan(18);
        JsonNode alert = budgetAlerts().get(0);
        assertThat(alert.path("tenant_id").asText()).isEqualTo(tenant);
        assertThat(alert.toString()).contains(budget.text("id")).contains("0.001");
        assertThat(budgetAlerts())
                .as("once per budget, period and fraction; 90 %% was not reached")
                .hasSize(1);

        // The share of the limit spent, for the "budget at 95 %" alert rule: the spend over $20.
        double spent = admin.get("/tenants/" + tenant + "/budgets/" + budget.text("id"))
                .json()
                .path("spent_usd")
                .asDouble();
        java.util.regex.Matcher gauge = java.util.regex.Pattern.compile("meridian_budget_used_ratio\\{budget=\""
                        + budget.text("id") + "\",scope=\"key\",tenant=\"" + tenant + "\"} ([0-9.E-]+)")
                .matcher(gateway.get("/metrics").body());
        assertThat(gauge.find()).as("the budget's gauge is exported").isTrue();
        assertThat(Double.parseDouble(gauge.group(1))).isCloseTo(spent / 20, within(1e-6));

        assertThat(admin.delete("/tenants/" + tenant + "/budgets/" + budget.text("id"))
                        .status())
                .isEqualTo(200);
        assertThat(gateway.get("/metrics").body())
                .as("a deleted budget has no gauge")
                .doesNotContain("budget=\"" + budget.text("id") + "\"");
    }
}
