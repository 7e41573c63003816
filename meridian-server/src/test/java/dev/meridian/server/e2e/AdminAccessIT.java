package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what: the role table inside a tenant, and isolation between tenants, tried on every endpoint the
 * OpenAPI document lists (so a new endpoint is covered as soon as it is documented).
 */
class AdminAccessIT {

    private static GatewayFixture gateway;
    private static AdminClient root;
    private static Org a;
    private static Org b;

    /** One tenant with a team, a user of each role (each with an admin token), a key and a logged request. */
    private record Org(
            String tenant,
            String team,
            String adminUser,
            AdminClient admin,
            String developerUser,
            AdminClient developer,
            AdminClient viewer,
            AdminClient billing,
            String key,
            String keySecret,
            String requestId,
            String budget) {}

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
        root = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        a = org("org-a");
        b = org("org-b");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Org org(String name) {
        String tenant = created(root.post("/tenants", "{\"name\":\"" + name + "\",\"plan\":\"enterprise\"}"))
                .text("id");
        String team = created(root.post("/tenants/" + tenant + "/teams", "{\"name\":\"core\"}"))
                .text("id");
        String[] users = new String[4];
        AdminClient[] clients = new AdminClient[4];
        String[] roles = {"admin", "developer", "viewer", "billing"};
        for (int i = 0; i < roles.length; i++) {
            users[i] = created(root.post(
                            "/tenants/" + tenant + "/users",
                            "{\"email\":\"" + roles[i] + "@" + name
                                    + ".example\",\"name\":\"" + roles[i] + "\",\"role\":\"" + roles[i]
                                    + "\",\"team_id\":\"" + team
                                    + "\"}"))
                    .text("id");
            clients[i] = root.as(created(root.post("/tenants/" + tenant + "/users/" + users[i] + "/tokens", "{}"))
                    .text("secret"));
        }
        Answer key =
                created(root.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\",\"team_id\":\"" + team + "\"}"));
        assertThat(root.chat(key.text("secret"), "gpt").status()).isEqualTo(200);
        String[] requestId = new String[1];
        Poll.until(
                () -> {
                    JsonNode data =
                            root.get("/tenants/" + tenant + "/requests").json().path("data");
                    requestId[0] = data.path(0).path("request_id").asText(null);
                    return requestId[0] != null;
                },
                Duration.ofSeconds(5),
                "the request reaches the log");
        return new Org(
                tenant,
                team,
                users[0],
                clients[0],
                users[1],
                clients[1],
                clients[2],
                clients[3],
                key.text("id"),
                key.text("secret"),
                requestId[0],
                created(root.post(
                                "/tenants/" + tenant + "/budgets",
                                "{\"scope\":\"tenant\",\"period\":\"month\",\"limit_usd\":1000}"))
                        .text("id"));
    }

    private static Answer created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer;
    }

    // ---- roles inside one tenant

    @Test
    void viewer_cannotCreateKeys_butReadsLogs() {
        Answer denied = a.viewer().post("/tenants/" + a.tenant() + "/keys", "{\"name\":\"nope\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("permission_denied");
        assertThat(a.viewer().get("/tenants/" + a.tenant() + "/requests").status())
                .isEqualTo(200);
    }

    @Test
    void developer_createsAndManagesOnlyOwnKeys() {
        Answer own = a.developer().post("/tenants/" + a.tenant() + "/keys", "{\"name\":\"dev-key\"}");
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(own.text("user_id")).isEqualTo(a.developerUser());
        assertThat(a.developer().chat(own.text("secret"), "gpt").status()).isEqualTo(200);

        Answer forOther = a.developer()
                .post("/tenants/" + a.tenant() + "/keys", "{\"name\":\"x\",\"user_id\":\"" + a.adminUser() + "\"}");
        assertThat(forOther.status()).isEqualTo(403);
        assertThat(forOther.errorParam()).isEqualTo("user_id");

        JsonNode listed =
                a.developer().get("/tenants/" + a.tenant() + "/keys").json().path("data");
        assertThat(listed)
                .isNotEmpty()
                .allSatisfy(k -> assertThat(k.path("user_id").asText()).isEqualTo(a.developerUser()));
        assertThat(a.developer()
                        .post("/tenants/" + a.tenant() + "/keys/" + a.key() + "/revoke", null)
                        .status())
                .as("the team key is not the developer's")
                .isEqualTo(403);
        assertThat(a.developer()
                        .post("/tenants/" + a.tenant() + "/keys/" + own.text("id") + "/rotate", "{}")
                        .status())
                .isEqualTo(200);
        assertThat(a.developer().get("/tenants/" + a.tenant() + "/users").status())
                .isEqualTo(403);
        assertThat(a.developer()
                        .get("/tenants/" + a.tenant() + "/users/" + a.developerUser())
                        .status())
                .as("users read themselves")
                .isEqualTo(200);
    }

    @Test
    void billing_cannotSeeLogsOrKeys() {
        assertThat(a.billing().get("/tenants/" + a.tenant() + "/requests").status())
                .isEqualTo(403);
        assertThat(a.billing()
                        .get("/tenants/" + a.tenant() + "/requests/" + a.requestId())
                        .status())
                .isEqualTo(403);
        assertThat(a.billing().get("/tenants/" + a.tenant() + "/keys").status()).isEqualTo(403);
        assertThat(a.billing().get("/tenants/" + a.tenant() + "/audit").status())
                .isEqualTo(403);
        assertThat(a.billing().get("/tenants/" + a.tenant()).status()).isEqualTo(200);
    }

    @Test
    void tenantAdmin_changesSettingsButNotCommercialTerms() {
        Answer status = a.admin().patch("/tenants/" + a.tenant(), "{\"status\":\"active\"}");
        assertThat(status.status()).isEqualTo(403);
        assertThat(status.errorParam()).isEqualTo("status");
        assertThat(a.admin()
                        .patch("/tenants/" + a.tenant(), "{\"plan\":\"enterprise\"}")
                        .errorParam())
                .isEqualTo("plan");
        Answer bodies = a.admin().patch("/tenants/" + a.tenant(), "{\"store_bodies\":true}");
        assertThat(bodies.status()).as(bodies.toString()).isEqualTo(200);
        assertThat(bodies.json().path("store_bodies").asBoolean()).isTrue();
        assertThat(a.admin().post("/tenants", "{\"name\":\"mine\"}").status()).isEqualTo(403);
        assertThat(a.admin().get("/audit").status()).isEqualTo(403);
        assertThat(a.admin().get("/deployments").status()).isEqualTo(403);
        assertThat(a.admin().get("/tenants/" + a.tenant() + "/audit").status()).isEqualTo(200);
        assertThat(a.admin().get("/tenants").json().path("data")).hasSize(1);
    }

    @Test
    void deletedUser_tokenStopsWorking() {
        Answer user = created(a.admin()
                .post(
                        "/tenants/" + a.tenant() + "/users",
                        "{\"email\":\"temp@org-a.example\",\"name\":\"Temp\",\"role\":\"viewer\"}"));
        AdminClient temp = root.as(created(a.admin()
                        .post("/tenants/" + a.tenant() + "/users/" + user.text("id") + "/tokens", "{\"name\":\"t\"}"))
                .text("secret"));
        assertThat(temp.get("/tenants/" + a.tenant()).status()).isEqualTo(200);
        assertThat(a.admin()
                        .delete("/tenants/" + a.tenant() + "/users/" + user.text("id"))
                        .status())
                .isEqualTo(200);
        assertThat(temp.get("/tenants/" + a.tenant()).status()).isEqualTo(401);
    }

    @Test
    void developer_bindsKeysToOwnTeamOnly() {
        String other = created(a.admin().post("/tenants/" + a.tenant() + "/teams", "{\"name\":\"elsewhere\"}"))
                .text("id");
        Answer own = a.developer()
                .post("/tenants/" + a.tenant() + "/keys", "{\"name\":\"team-key\",\"team_id\":\"" + a.team() + "\"}");
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(own.text("team_id")).isEqualTo(a.team());

        Answer foreign = a.developer()
                .post("/tenants/" + a.tenant() + "/keys", "{\"name\":\"x\",\"team_id\":\"" + other + "\"}");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.errorCode()).isEqualTo("permission_denied");
        assertThat(foreign.errorParam()).isEqualTo("team_id");
        assertThat(a.admin()
                        .post("/tenants/" + a.tenant() + "/keys", "{\"name\":\"x\",\"team_id\":\"" + other + "\"}")
                        .status())
                .as("admins bind keys to any team of their tenant")
                .isEqualTo(201);
    }

    /**
     * A suspended or expired tenant's users read what their role lets them read and change nothing (403
     * {@code tenant_inactive}); the super-admin changes anything, and reactivating the tenant gives its users their
     * writes back.
     */
    @Test
    void suspendedOrExpiredTenant_usersOnlyRead_superAdminStillWrites() {
        Org c = org("org-suspended");
        String t = "/tenants/" + c.tenant();
        for (String status : List.of("suspended", "expired")) {
            assertThat(root.patch(t, "{\"status\":\"" + status + "\"}").status())
                    .isEqualTo(200);

            assertThat(c.admin().get(t).status()).isEqualTo(200);
            assertThat(c.admin().get(t + "/keys").status()).isEqualTo(200);
            assertThat(c.admin().get(t + "/users").status()).isEqualTo(200);
            assertThat(c.admin().get(t + "/audit").status()).isEqualTo(200);
            assertThat(c.viewer().get(t + "/requests").status()).isEqualTo(200);

            List<Answer> writes = List.of(
                    c.admin().post(t + "/keys", "{\"name\":\"more\"}"),
                    c.admin().post(t + "/users", "{\"email\":\"new@org-suspended.example\",\"name\":\"New\"}"),
                    c.admin().post(t + "/users/" + c.adminUser() + "/tokens", "{}"),
                    c.admin().post(t + "/teams", "{\"name\":\"more\"}"),
                    c.admin().patch(t, "{\"store_bodies\":true}"),
                    c.admin().patch(t + "/users/" + c.developerUser(), "{\"role\":\"admin\"}"),
                    c.admin().post(t + "/keys/" + c.key() + "/rotate", "{}"),
                    c.admin().post(t + "/keys/" + c.key() + "/revoke", null),
                    c.admin().delete(t + "/users/" + c.developerUser()),
                    c.admin().delete(t + "/teams/" + c.team()),
                    c.developer().post(t + "/keys", "{\"name\":\"mine\"}"));
            assertThat(writes).allSatisfy(w -> {
                assertThat(w.status()).as(w.toString()).isEqualTo(403);
                assertThat(w.errorCode()).isEqualTo("tenant_inactive");
                assertThat(w.json().at("/error/message").asText()).contains("it is " + status);
            });
            assertThat(root.get(t + "/users").json().path("data")).hasSize(4);
            assertThat(root.get(t + "/keys/" + c.key()).text("status")).isEqualTo("active");
        }

        assertThat(root.post(t + "/keys", "{\"name\":\"by-platform\"}").status())
                .isEqualTo(201);
        assertThat(root.patch(t, "{\"status\":\"active\"}").status()).isEqualTo(200);
        assertThat(c.admin().post(t + "/keys", "{\"name\":\"after\"}").status()).isEqualTo(201);
    }

    @Test
    void endedTrial_usersOnlyRead() {
        Org c = org("org-trial");
        String t = "/tenants/" + c.tenant();
        assertThat(root.patch(t, "{\"status\":\"trial\",\"trial_ends_at\":\"2020-01-01T00:00:00Z\"}")
                        .status())
                .isEqualTo(200);
        Answer refused = c.admin().post(t + "/keys", "{\"name\":\"more\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/error/message").asText()).contains("trial has ended");
        assertThat(c.admin().get(t + "/keys").status()).isEqualTo(200);
    }

    // ---- isolation between tenants

    /** Every documented endpoint, as tenant A's admin, on tenant B's ids: nothing succeeds, nothing of B changes. */
    @Test
    void everyEndpoint_tenantAdminOfA_onIdsOfB_is403or404() {
        List<String> tried = new ArrayList<>();
        for (AdminEndpoints.Endpoint e : endpoints()) {
            if (e.template().equals("/openapi.json")) {
                continue;
            }
            String path = fill(e.template(), b.tenant());
            Answer answer = a.admin().call(e.method(), path, AdminEndpoints.body(e));
            tried.add(e.method() + " " + e.template() + " -> " + answer.status());
            if (e.method().equals("GET") && e.template().equals("/tenants")) {
                assertThat(answer.body()).as("A's tenant list").doesNotContain(b.tenant());
                continue;
            }
            assertThat(answer.status())
                    .as(e.method() + " " + path + ": " + answer.body())
                    .isIn(403, 404);
            if (e.template().startsWith("/tenants/{tenantId}")) {
                assertThat(answer.status())
                        .as("an id of another tenant is not found: " + e.template())
                        .isEqualTo(404);
            }
        }
        assertThat(tried).hasSizeGreaterThanOrEqualTo(23);
        assertBUntouched();
    }

    /** A's own tenant in the URL, B's ids after it: every one is not found. */
    @Test
    void everyEndpoint_ownTenantWithIdsOfB_is404() {
        for (AdminEndpoints.Endpoint e : endpoints()) {
            if (!e.template().startsWith("/tenants/{tenantId}/")
                    || !e.template().matches(".*\\{(?!tenantId).*")) {
                continue;
            }
            String path = fill(e.template(), a.tenant());
            Answer answer = a.admin().call(e.method(), path, AdminEndpoints.body(e));
            assertThat(answer.status())
                    .as(e.method() + " " + path + ": " + answer.body())
                    .isEqualTo(404);
        }
        assertBUntouched();
    }

    @Test
    void otherRolesOfA_onB_neverSucceed() {
        for (AdminClient client : List.of(a.developer(), a.viewer(), a.billing())) {
            for (AdminEndpoints.Endpoint e : endpoints()) {
                if (!e.template().startsWith("/tenants/{tenantId}")) {
                    continue;
                }
                Answer answer = client.call(e.method(), fill(e.template(), b.tenant()), AdminEndpoints.body(e));
                assertThat(answer.status()).as(e.method() + " " + e.template()).isEqualTo(404);
            }
        }
    }

    private static void assertBUntouched() {
        assertThat(root.chat(b.keySecret(), "gpt").status()).isEqualTo(200);
        assertThat(root.get("/tenants/" + b.tenant() + "/teams").body()).contains(b.team());
        assertThat(root.get("/tenants/" + b.tenant() + "/users").json().path("data"))
                .hasSize(4);
        JsonNode tenant = root.get("/tenants/" + b.tenant()).json();
        assertThat(tenant.path("store_bodies").asBoolean()).isFalse();
        assertThat(tenant.path("status").asText()).isEqualTo("active");
        assertThat(root.get("/tenants/" + b.tenant() + "/keys").json().path("data"))
                .allSatisfy(k -> assertThat(k.path("status").asText()).isEqualTo("active"));
    }

    private static List<AdminEndpoints.Endpoint> endpoints() {
        return AdminEndpoints.of(root.as(null).get("/openapi.json").json());
    }

    private static String fill(String template, String tenantId) {
        return template.replace("{tenantId}", tenantId)
                .replace("{teamId}", b.team())
                .replace("{userId}", b.developerUser())
                .replace("{keyId}", b.key())
                .replace("{requestId}", b.requestId())
                .replace("{budgetId}", b.budget())
                .replace("{planName}", "enterprise")
                .replace("{name}", "sim-openai");
    }
}
