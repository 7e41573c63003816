package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Usage reports group cost, tokens and requests by model, key, day (and more) as JSON or CSV, and reconcile with
 * the request log's own records to the cent.
 */
class UsageReportIT {

    private static GatewayFixture gateway;
    private static AdminClient admin;
    private static String tenant;
    private static String keyOne;
    private static String keyTwo;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenant = admin.post("/tenants", "{\"name\":\"reported\",\"plan\":\"enterprise\"}")
                .text("id");
        Answer one = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"one\"}");
        Answer two = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"two\"}");
        keyOne = one.text("id");
        keyTwo = two.text("id");
        for (int i = 0; i < 3; i++) {
            assertThat(admin.chat(one.text("secret"), "gpt").status()).isEqualTo(200);
        }
        assertThat(admin.chat(one.text("secret"), "claude").status()).isEqualTo(200);
        assertThat(admin.chat(two.text("secret"), "claude").status()).isEqualTo(200);
        assertThat(admin.chat(two.text("secret"), "compat").status()).isEqualTo(200); // unpriced
        Poll.until(
                () -> admin.get("/tenants/" + tenant + "/requests")
                                .json()
                                .path("data")
                                .size()
                        == 6,
                "the six records arrive");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aReportGroupedByModelAndKey_reconcilesWithTheRequestLog_toTheCent() {
        Map<String, Double> costByModelAndKey = new HashMap<>();
        Map<String, Long> outputByModelAndKey = new HashMap<>();
        double totalCost = 0;
        for (JsonNode r : admin.get("/tenants/" + tenant + "/requests").json().path("data")) {
            String group =
                    r.path("model_asked").asText() + "/" + r.path("key_id").asText();
            costByModelAndKey.merge(group, r.path("cost_usd").asDouble(0), Double::sum);
            outputByModelAndKey.merge(group, r.path("output_tokens").asLong(), Long::sum);
            totalCost += r.path("cost_usd").asDouble(0);
        }

        Answer report = admin.get("/tenants/" + tenant + "/usage?group_by=model,key");
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        JsonNode data = report.json().path("data");
        assertThat(data).hasSize(4); // claude/one, claude/two, compat/two, gpt/one
        for (JsonNode row : data) {
            String group = row.path("model").asText() + "/" + row.path("key").asText();
            assertThat(row.path("cost_usd").asDouble())
                    .as(group)
                    .isCloseTo(costByModelAndKey.get(group), within(0.005));
            assertThat(row.path("output_tokens").asLong()).as(group).isEqualTo(outputByModelAndKey.get(group));
        }
        JsonNode gptOne = data.get(3);
        assertThat(gptOne.path("model").asText()).isEqualTo("gpt");
        assertThat(gptOne.path("key").asText()).isEqualTo(keyOne);
        assertThat(gptOne.path("requests").asLong()).isEqualTo(3);
        JsonNode total = report.json().path("total");
        assertThat(total.path("requests").asLong()).isEqualTo(6);
        assertThat(total.path("cost_usd").asDouble())
                .isCloseTo(totalCost, within(0.005))
                .isPositive();
        assertThat(total.path("unpriced_requests").asLong()).isEqualTo(1);
        assertThat(total.path("billed_cost_usd").asDouble())
                .as("below the default's first discounted tier (100K tokens): billed at list")
                .isEqualTo(total.path("cost_usd").asDouble());
    }

    @Test
    void aReportByDay_namesTodaysUtcDate_andCsvCarriesTheSameFigures() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode byDay = admin.get("/tenants/" + tenant + "/usage?group_by=day").json();
        assertThat(byDay.path("data")).hasSize(1);
        assertThat(byDay.path("data").get(0).path("day").asText()).isEqualTo(today);

        Answer csv = admin.get("/tenants/" + tenant + "/usage?group_by=day,key&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .isEqualTo("day,key,requests,input_tokens,output_tokens,cached_tokens,reasoning_tokens,cost_usd,"
                        + "billed_cost_usd,unpriced_requests,cache_write_tokens,prompt_cache_saved_usd,cache_hits,"
                        + "cache_saved_usd");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(today + "," + (keyOne.compareTo(keyTwo) < 0 ? keyOne : keyTwo) + ",");
    }

    @Test
    void aBadGroupOrFormatOrRange_is400NamingTheParameter() {
        assertThat(admin.get("/tenants/" + tenant + "/usage?group_by=model,colour")
                        .errorParam())
                .isEqualTo("group_by");
        assertThat(admin.get("/tenants/" + tenant + "/usage?group_by=model,model")
                        .errorParam())
                .isEqualTo("group_by");
        assertThat(admin.get("/tenants/" + tenant + "/usage?group_by=tenant").errorParam())
                .as("tenant is a platform-wide grouping")
                .isEqualTo("group_by");
        assertThat(admin.get("/tenants/" + tenant + "/usage?format=xml").errorParam())
                .isEqualTo("format");
        assertThat(admin.get("/tenants/" + tenant + "/usage?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z")
                        .errorParam())
                .isEqualTo("from");
    }

    @Test
    void thePlatformReport_groupsByTenant_forTheSuperAdminOnly() {
        assertThat(gateway.post(
                                "/v1/chat/completions",
                                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                        .statusCode())
                .isEqualTo(200);
        Poll.until(
                () -> admin.get("/usage?group_by=tenant").json().path("data").size() >= 2,
                "the configured key's request is reported with no tenant");
        JsonNode rows = admin.get("/usage?group_by=tenant").json().path("data");
        assertThat(rows).anySatisfy(r -> assertThat(r.path("tenant").asText()).isEqualTo(tenant));
        assertThat(rows).anySatisfy(r -> assertThat(r.path("tenant").isNull()).isTrue());

        String user = admin.post(
                        "/tenants/" + tenant + "/users",
                        "{\"email\":\"a@reported.example\",\"name\":\"A\",\"role\":\"admin\"}")
                .text("id");
        AdminClient tenantAdmin = admin.as(admin.post("/tenants/" + tenant + "/users/" + user + "/tokens", "{}")
                .text("secret"));
        assertThat(tenantAdmin.get("/usage").status()).isEqualTo(403);
        assertThat(tenantAdmin.get("/tenants/" + tenant + "/usage").status()).isEqualTo(200);
    }
}
