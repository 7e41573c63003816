package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.e2e.AdminClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Budgets through the admin API: create, read with their money, change, delete, audit; and every bad input. */
class BudgetAdminIT {

    private static GatewayFixture gateway;
    private static AdminClient root;
    private static String tenant;
    private static String team;
    private static String key;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", """
                  cheap:
                    provider: sim-openai
                    model: gpt-4o-mini
                """, GatewayFixture.SINGLE_ATTEMPT, GatewayFixture.ADMIN_KEY);
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenant = ok(201, root.post("/tenants", "{\"name\":\"budget-admin\"}")).text("id");
        team = ok(201, root.post("/tenants/" + tenant + "/teams", "{\"name\":\"ml\"}"))
                .text("id");
        key = ok(201, root.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}"))
                .text("id");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Answer ok(int status, Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        return a;
    }

    private static String budgets() {
        return "/tenants/" + tenant + "/budgets";
    }

    @Test
    void crud_createsReadsWithMoneyChangesAndDeletes_eachAudited() {
        Answer created = ok(
                201,
                root.post(
                        budgets(),
                        "{\"scope\":\"team\",\"scope_id\":\"" + team + "\",\"period\":\"month\",\"limit_usd\":250,"
                                + "\"time_zone\":\"Asia/Shanghai\"}"));
        JsonNode b = created.json();
        String id = b.path("id").asText();
        assertThat(b.path("scope").asText()).isEqualTo("team");
        assertThat(b.path("period").asText()).isEqualTo("month");
        assertThat(b.path("on_exceed").asText()).isEqualTo("reject");
        assertThat(b.path("alert_at").toString()).isEqualTo("[0.5,0.8,0.95]");
        assertThat(b.path("spent_usd").asDouble()).isZero();
        assertThat(b.path("reserved_usd").asDouble()).isZero();
        assertThat(b.path("remaining_usd").asDouble()).isEqualTo(250.0);
        assertThat(b.path("period_start").asText()).endsWith("T16:00:00Z"); // local midnight in Shanghai
        assertThat(b.path("period_end").asText()).isNotBlank();

        JsonNode read = ok(200, root.get(budgets() + "/" + id)).json();
        assertThat(read.path("limit_usd").asDouble()).isEqualTo(250.0);
        JsonNode list = ok(200, root.get(budgets())).json();
        assertThat(list.path("data").findValuesAsText("id")).contains(id);

        JsonNode patched = ok(
                        200,
                        root.patch(
                                budgets() + "/" + id,
                                "{\"limit_usd\":100,\"on_exceed\":\"downgrade\",\"downgrade_to\":\"cheap\","
                                        + "\"alert_at\":[0.9,0.5],\"period\":\"total\"}"))
                .json();
        assertThat(patched.path("limit_usd").asDouble()).isEqualTo(100.0);
        assertThat(patched.path("downgrade_to").asText()).isEqualTo("cheap");
        assertThat(patched.path("alert_at").toString()).isEqualTo("[0.5,0.9]");
        assertThat(patched.path("period_end").isNull()).isTrue();

        ok(200, root.delete(budgets() + "/" + id));
        ok(404, root.get(budgets() + "/" + id));
        JsonNode audit = ok(200, root.get("/tenants/" + tenant + "/audit")).json();
        assertThat(audit.path("data").findValuesAsText("action"))
                .contains("budget.create", "budget.update", "budget.delete");
    }

    @Test
    void tenantBudget_scopeIdDefaultsToTheTenant() {
        JsonNode b = ok(201, root.post(budgets(), "{\"scope\":\"tenant\",\"period\":\"week\",\"limit_usd\":5}"))
                .json();
        assertThat(b.path("scope_id").asText()).isEqualTo(tenant);
        ok(200, root.delete(budgets() + "/" + b.path("id").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "negative limit | limit_usd | {'scope':'key','scope_id':'KEY','period':'day','limit_usd':-1}",
                "NaN limit | limit_usd | {'scope':'key','scope_id':'KEY','period':'day','limit_usd':'NaN'}",
                "absurd limit | limit_usd | {'scope':'key','scope_id':'KEY','period':'day','limit_usd':1e12}",
                "no limit | limit_usd | {'scope':'key','scope_id':'KEY','period':'day'}",
                "unknown scope | scope | {'scope':'org','scope_id':'KEY','period':'day','limit_usd':1}",
                "unknown scope id | scope_id | {'scope':'key','scope_id':'key_0000','period':'day','limit_usd':1}",
                "team id as key | scope_id | {'scope':'key','scope_id':'TEAM','period':'day','limit_usd':1}",
                "other tenant | scope_id | {'scope':'tenant','scope_id':'ten_x','period':'day','limit_usd':1}",
                "unknown period | period | {'scope':'key','scope_id':'KEY','period':'year','limit_usd':1}",
                "unknown zone | time_zone | {'scope':'key','scope_id':'KEY','period':'day','limit_usd':1,"
                        + "'time_zone':'Mars/Olympus'}",
                "offset zone | time_zone | {'scope':'key','scope_id':'KEY','period':'day','limit_usd':1,"
                        + "'time_zone':'+08:00'}",
                "alert zero | alert_at[0] | {'scope':'key','scope_id':'KEY','period':'day','limit_usd':1,"
                        + "'alert_at':[0]}",
                "alert above one | alert_at[1] | {'scope':'key','scope_id':'KEY','period':'day','limit_usd':1,"
                        + "'alert_at':[0.5,1.5]}",
                "downgrade without group | downgrade_to | {'scope':'key','scope_id':'KEY','period':'day',"
                        + "'limit_usd':1,'on_exceed':'downgrade'}",
                "downgrade to unknown | downgrade_to | {'scope':'key','scope_id':'KEY','period':'day',"
                        + "'limit_usd':1,'on_exceed':'downgrade','downgrade_to':'nope'}",
                "reject with group | downgrade_to | {'scope':'key','scope_id':'KEY','period':'day',"
                        + "'limit_usd':1,'downgrade_to':'cheap'}",
            })
    void create_badInput_is400WithParam_andWritesNothing(String name, String param, String body) {
        int before = ok(200, root.get(budgets())).json().path("data").size();
        Answer a =
                root.post(budgets(), body.replace('\'', '"').replace("KEY", key).replace("TEAM", team));
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        assertThat(a.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(a.errorParam()).as(a.toString()).isEqualTo(param);
        assertThat(ok(200, root.get(budgets())).json().path("data").size()).isEqualTo(before);
    }

    @Test
    void create_overlappingBudget_is400OnPeriod() {
        String body = "{\"scope\":\"key\",\"scope_id\":\"" + key + "\",\"period\":\"day\",\"limit_usd\":3}";
        String id = ok(201, root.post(budgets(), body)).text("id");
        Answer again = root.post(budgets(), body.replace("\"limit_usd\":3", "\"limit_usd\":4"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorParam()).isEqualTo("period");
        String week = ok(
                        201,
                        root.post(
                                budgets(),
                                "{\"scope\":\"key\",\"scope_id\":\"" + key + "\",\"period\":\"week\",\"limit_usd\":3}"))
                .text("id");
        Answer clash = root.patch(budgets() + "/" + week, "{\"period\":\"day\"}");
        assertThat(clash.status()).isEqualTo(400);
        assertThat(clash.errorParam()).isEqualTo("period");
        assertThat(ok(200, root.get(budgets() + "/" + week))
                        .json()
                        .path("period")
                        .asText())
                .isEqualTo("week");
        ok(200, root.delete(budgets() + "/" + id));
        ok(200, root.delete(budgets() + "/" + week));
    }

    @Test
    void patch_scopeCannotChange_andBadValuesChangeNothing() {
        String id = ok(
                        201,
                        root.post(
                                budgets(),
                                "{\"scope\":\"key\",\"scope_id\":\"" + key
                                        + "\",\"period\":\"month\",\"limit_usd\":3}"))
                .text("id");
        assertThat(root.patch(budgets() + "/" + id, "{\"scope\":\"team\"}").errorParam())
                .isEqualTo("scope");
        Answer bad = root.patch(budgets() + "/" + id, "{\"limit_usd\":7,\"time_zone\":\"Nowhere/City\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorParam()).isEqualTo("time_zone");
        assertThat(ok(200, root.get(budgets() + "/" + id))
                        .json()
                        .path("limit_usd")
                        .asDouble())
                .isEqualTo(3.0);
        ok(200, root.delete(budgets() + "/" + id));
    }
}
