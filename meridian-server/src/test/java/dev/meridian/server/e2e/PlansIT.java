package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.admin.PlanAdmin;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Plans through the admin API and at the front door: a custom plan limits the models of its tenants' keys (403
 * {@code model_not_allowed}), a change to it or to the tenant's overrides takes effect within the change poll, a plan
 * in use cannot be deleted, and every bad input is a 400 naming the field that writes nothing.
 */
class PlansIT {

    private static final String PLAN_BODY = "{\"name\":\"%s\",\"monthly_tokens\":2000000,\"monthly_cost_limit_usd\":50,"
            + "\"requests_per_minute\":1000,\"models\":[\"gpt\",\"embed-*\"]}";

    private static GatewayFixture gateway;
    private static AdminClient root;

    private static final ListAppender<ILoggingEvent> PLAN_LOG = new ListAppender<>();

    @BeforeAll
    static void start() {
        PLAN_LOG.start();
        ((Logger) LoggerFactory.getLogger(PlanAdmin.class)).addAppender(PLAN_LOG);
        gateway = GatewayFixture.startWithAdminKey();
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        Poll.until(() -> root.get("/plans").status() == 200, "the database is open");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        ((Logger) LoggerFactory.getLogger(PlanAdmin.class)).detachAppender(PLAN_LOG);
    }

    private static Answer ok(int status, Answer a) {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        return a;
    }

    @Test
    void seededPlans_areListed_withTheSeedsNumbers() {
        JsonNode plans = ok(200, root.get("/plans")).json().path("data");
        List<String> names = new ArrayList<>();
        plans.forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("basic", "professional", "enterprise");
        JsonNode basic = ok(200, root.get("/plans/basic")).json();
        assertThat(basic.path("monthly_tokens").asLong()).isEqualTo(1_000_000);
        assertThat(basic.path("monthly_cost_limit_usd").asDouble()).isEqualTo(100.0);
        assertThat(basic.path("requests_per_minute").asLong()).isEqualTo(60);
        assertThat(basic.path("tokens_per_minute").isNull()).isTrue();
        assertThat(ok(200, root.get("/plans/enterprise"))
                        .json()
                        .path("models")
                        .get(0)
                        .asText())
                .isEqualTo("*");
        assertThat(root.get("/plans/gold").status()).isEqualTo(404);
    }

    @Test
    void start_warnsOfEveryPlanThatIncludesNoneOfTheConfiguredModels() {
        // The test configuration's names (gpt, claude, embed-openai...) are none of the embedded default's.
        Poll.until(
                () -> warnings().stream().anyMatch(w -> w.startsWith("plan professional includes none")),
                "the start-up check of the plans");
        assertThat(warnings())
                .anyMatch(w -> w.startsWith("plan basic includes none") && w.contains("PATCH /admin/v1/plans/basic"))
                .noneMatch(w -> w.startsWith("plan enterprise"));
    }

    private static List<String> warnings() {
        synchronized (PLAN_LOG) {
            return PLAN_LOG.list.stream()
                    .filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Test
    void customPlan_limitsTheModels_changesTakeEffectWithinThePoll_andAPlanInUseStays() {
        Answer plan = ok(201, root.post("/plans", PLAN_BODY.formatted("team-gpt")));
        assertThat(plan.json().path("models").toString()).isEqualTo("[\"gpt\",\"embed-*\"]");
        String tenant = ok(
                        201,
                        root.post(
                                "/tenants",
                                "{\"name\":\"planned\",\"plan\":\"team-gpt\","
                                        + "\"rate_limits\":{\"requests_per_minute\":500}}"))
                .text("id");
        JsonNode stored = ok(200, root.get("/tenants/" + tenant)).json();
        assertThat(stored.path("plan").asText()).isEqualTo("team-gpt");
        assertThat(stored.at("/rate_limits/requests_per_minute").asLong()).isEqualTo(500);
        String secret = ok(201, root.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}"))
                .text("secret");

        assertThat(root.chat(secret, "gpt").status()).isEqualTo(200);
        Answer refused = root.chat(secret, "claude");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("model_not_allowed");
        assertThat(refused.json().at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(refused.errorParam()).isEqualTo("model");
        assertThat(refused.json().at("/error/message").asText()).contains("claude");

        ok(200, root.patch("/plans/team-gpt", "{\"models\":[\"gpt\",\"cla*\"]}"));
        Poll.until(() -> root.chat(secret, "claude").status() == 200, "the plan's new model is served");

        ok(200, root.patch("/tenants/" + tenant, "{\"quota\":{\"available_models\":[\"gpt\"]}}"));
        Poll.until(() -> root.chat(secret, "claude").status() == 403, "the tenant's own model list applies");
        JsonNode overridden = ok(200, root.patch("/tenants/" + tenant, "{\"quota\":{\"available_models\":null}}"))
                .json();
        assertThat(overridden.at("/quota/available_models").isNull()).isTrue();
        Poll.until(() -> root.chat(secret, "claude").status() == 200, "the tenant follows its plan again");

        Answer inUse = root.delete("/plans/team-gpt");
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.errorCode()).isEqualTo("plan_in_use");
        assertThat(root.get("/plans/team-gpt").status()).isEqualTo(200);

        JsonNode moved = ok(200, root.patch("/tenants/" + tenant, "{\"plan\":\"enterprise\"}"))
                .json();
        assertThat(moved.at("/rate_limits/requests_per_minute").isNull())
                .as("a new plan drops the old plan's overrides")
                .isTrue();
        assertThat(ok(200, root.delete("/plans/team-gpt"))
                        .json()
                        .path("deleted")
                        .asBoolean())
                .isTrue();
        assertThat(root.get("/plans/team-gpt").status()).isEqualTo(404);

        List<String> actions = new ArrayList<>();
        ok(200, root.get("/audit?limit=500"))
                .json()
                .path("data")
                .forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).contains("plan.create", "plan.update", "plan.delete");
    }

    @Test
    void keyAllowList_isCheckedBeforeThePlan_andAnswers404() {
        ok(201, root.post("/plans", PLAN_BODY.formatted("allow-list-first")));
        String tenant = ok(201, root.post("/tenants", "{\"name\":\"listed\",\"plan\":\"allow-list-first\"}"))
                .text("id");
        String secret = ok(
                        201,
                        root.post(
                                "/tenants/" + tenant + "/keys",
                                "{\"name\":\"claude-only\",\"allowed_models\":[\"claude\"]}"))
                .text("secret");

        Answer hidden = root.chat(secret, "gpt");
        assertThat(hidden.status()).as("outside the key's own list").isEqualTo(404);
        assertThat(hidden.errorCode()).isEqualTo("model_not_found");
        Answer notInPlan = root.chat(secret, "claude");
        assertThat(notInPlan.status()).as("in the key's list, outside the plan").isEqualTo(403);
        assertThat(notInPlan.errorCode()).isEqualTo("model_not_allowed");
    }

    @Test
    void keyRateLimits_areSetOnCreate_changedByPatch_andClearedByNull_eachAudited() {
        String tenant = ok(201, root.post("/tenants", "{\"name\":\"rated\",\"plan\":\"enterprise\"}"))
                .text("id");
        Answer key = ok(
                201,
                root.post(
                        "/tenants/" + tenant + "/keys",
                        "{\"name\":\"slow\",\"rate_limits\":{\"requests_per_minute\":10,\"tokens_per_minute\":9000}}"));
        assertThat(key.json().at("/rate_limits/requests_per_minute").asLong()).isEqualTo(10);
        String path = "/tenants/" + tenant + "/keys/" + key.text("id");

        JsonNode changed = ok(200, root.patch(path, "{\"rate_limits\":{\"requests_per_minute\":null}}"))
                .json();
        assertThat(changed.at("/rate_limits/requests_per_minute").isNull()).isTrue();
        assertThat(changed.at("/rate_limits/tokens_per_minute").asLong())
                .as("a field left out stays")
                .isEqualTo(9000);
        assertThat(ok(200, root.get(path))
                        .json()
                        .at("/rate_limits/tokens_per_minute")
                        .asLong())
                .isEqualTo(9000);
        assertThat(root.chat(key.text("secret"), "gpt").status()).isEqualTo(200);
        assertThat(ok(200, root.get("/tenants/" + tenant + "/audit")).body()).contains("key.update");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            name missing              | {"monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":["*"]}                              | name
            name not a slug           | {"name":"Has Space","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":["*"]}           | name
            name taken                | {"name":"basic","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":["*"]}               | name
            negative tokens           | {"name":"bad","monthly_tokens":-1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":["*"]}                | monthly_tokens
            NaN cost                  | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":"NaN","requests_per_minute":1,"models":["*"]}             | monthly_cost_limit_usd
            absurd cost               | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1e12,"requests_per_minute":1,"models":["*"]}              | monthly_cost_limit_usd
            absurd rpm                | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":10000000000,"models":["*"]}       | requests_per_minute
            fractional rpm            | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1.5,"models":["*"]}               | requests_per_minute
            rpm missing               | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"models":["*"]}                                         | requests_per_minute
            negative tpm              | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"tokens_per_minute":-5,"models":["*"]} | tokens_per_minute
            no models                 | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":[]}                    | models
            bad pattern               | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":["gpt","gp t*"]}       | models[1]
            double star               | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":["gp**"]}              | models[0]
            unknown model             | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":["gpt-9"]}             | models[0]
            unknown field             | {"name":"bad","monthly_tokens":1,"monthly_cost_limit_usd":1,"requests_per_minute":1,"models":["*"],"colour":"red"}  | colour
            """)
    void createPlan_badInput_isA400NamingTheField_andWritesNothing(String why, String body, String param) {
        int plans = ok(200, root.get("/plans")).json().path("data").size();
        int audit = ok(200, root.get("/audit?limit=500")).json().path("data").size();

        Answer answer = root.post("/plans", body);

        assertThat(answer.status()).as(why + ": " + answer).isEqualTo(400);
        assertThat(answer.errorParam()).as(why).isEqualTo(param);
        assertThat(root.get("/plans").json().path("data").size()).isEqualTo(plans);
        assertThat(root.get("/audit?limit=500").json().path("data").size()).isEqualTo(audit);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plan: negative rpm        | /plans/basic    | {"requests_per_minute":-1,"monthly_tokens":5}                 | requests_per_minute
            plan: absurd tpm          | /plans/basic    | {"tokens_per_minute":1000000000000000,"monthly_tokens":5}     | tokens_per_minute
            plan: bad model           | /plans/basic    | {"models":["gpt","nope"],"monthly_tokens":5}                  | models[1]
            plan: unknown field       | /plans/basic    | {"monthly_tokens":5,"max_requests_per_minute":1}              | max_requests_per_minute
            tenant: unknown plan      | TENANT          | {"plan":"gold","store_bodies":true}                           | plan
            tenant: negative rpm      | TENANT          | {"rate_limits":{"requests_per_minute":-1},"store_bodies":true} | rate_limits.requests_per_minute
            tenant: absurd tpm        | TENANT          | {"rate_limits":{"tokens_per_minute":1e20},"store_bodies":true} | rate_limits.tokens_per_minute
            tenant: unknown rate      | TENANT          | {"rate_limits":{"rpm":1},"store_bodies":true}                 | rate_limits.rpm
            tenant: negative quota    | TENANT          | {"quota":{"monthly_cost_limit_usd":-2},"store_bodies":true}   | quota.monthly_cost_limit_usd
            tenant: bad quota model   | TENANT          | {"quota":{"available_models":["nope"]},"store_bodies":true}   | quota.available_models[0]
            key: absurd rpm           | KEY             | {"rate_limits":{"requests_per_minute":1000000001}}            | rate_limits.requests_per_minute
            key: unknown field        | KEY             | {"name":"k"}                                                  | name
            """)
    void patch_badInput_isA400NamingTheField_andChangesNothing(String why, String target, String body, String param) {
        String tenant = ok(201, root.post("/tenants", "{\"name\":\"patched-" + why.hashCode() + "\"}"))
                .text("id");
        String key = ok(201, root.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}"))
                .text("id");
        String path = switch (target) {
            case "TENANT" -> "/tenants/" + tenant;
            case "KEY" -> "/tenants/" + tenant + "/keys/" + key;
            default -> target;
        };
        String before = ok(200, root.get(path)).body();

        Answer answer = root.patch(path, body);

        assertThat(answer.status()).as(why + ": " + answer).isEqualTo(400);
        assertThat(answer.errorParam()).as(why).isEqualTo(param);
        assertThat(root.get(path).body()).as("nothing half-written").isEqualTo(before);
    }

    @Test
    void createTenantOrKey_badPlanOrRates_isA400_andCreatesNothing() {
        int tenants =
                ok(200, root.get("/tenants?limit=500")).json().path("data").size();
        Answer unknown = root.post("/tenants", "{\"name\":\"nowhere\",\"plan\":\"gold\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorParam()).isEqualTo("plan");
        assertThat(unknown.json().at("/error/message").asText()).contains("basic", "enterprise");
        Answer rates = root.post("/tenants", "{\"name\":\"nowhere\",\"rate_limits\":{\"requests_per_minute\":-3}}");
        assertThat(rates.status()).isEqualTo(400);
        assertThat(rates.errorParam()).isEqualTo("rate_limits.requests_per_minute");
        assertThat(root.get("/tenants?limit=500").json().path("data").size()).isEqualTo(tenants);

        String tenant = ok(201, root.post("/tenants", "{\"name\":\"keyless\"}")).text("id");
        Answer key = root.post(
                "/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"rate_limits\":{\"tokens_per_minute\":\"many\"}}");
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.errorParam()).isEqualTo("rate_limits.tokens_per_minute");
        assertThat(root.get("/tenants/" + tenant + "/keys").json().path("data").size())
                .isZero();
    }
}
