package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.AdminClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admin input an attacker would try, each a 4xx and never a 500: a JSON {@code null} as the whole body of every
 * POST and PATCH that takes one, and instants so far out that converting them overflowed (issue 9, item 8).
 */
class AdminHostileInputIT {

    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";
    private static GatewayFixture gateway;
    private static AdminClient admin;
    private static String tenant;
    private static String key;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenant = admin.post("/tenants", "{\"name\":\"hostile\"}").text("id");
        key = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}").text("id");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static void refused(Answer answer, String param) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        if (param != null) {
            assertThat(answer.json().at("/error/param").asText()).isEqualTo(param);
        }
    }

    @Test
    void aNullBody_isA400_onEveryWrite() {
        refused(admin.post("/tenants", "null"), null);
        refused(admin.patch("/tenants/" + tenant, "null"), null);
        refused(admin.post("/tenants/" + tenant + "/teams", "null"), null);
        refused(admin.post("/tenants/" + tenant + "/users", "null"), null);
        refused(admin.post("/tenants/" + tenant + "/keys", "null"), null);
        refused(admin.post("/tenants/" + tenant + "/keys/" + key + "/rotate", "null"), null);
    }

    @Test
    void instantsBeyondYear9999_areA400_namingTheField() {
        refused(admin.post("/tenants", "{\"name\":\"t\",\"trial_ends_at\":\"" + FAR_FUTURE + "\"}"), "trial_ends_at");
        refused(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k2\",\"expires_at\":\"" + FAR_FUTURE + "\"}"),
                "expires_at");
        refused(admin.get("/tenants/" + tenant + "/requests?from=" + FAR_FUTURE.replace("+", "%2B")), "from");
        refused(admin.get("/tenants/" + tenant + "/requests?to=" + FAR_FUTURE.replace("+", "%2B")), "to");
    }

    @Test
    void afterHostileInput_theAdminApiKeepsServing() {
        aNullBody_isA400_onEveryWrite();

        assertThat(admin.get("/tenants/" + tenant).status()).isEqualTo(200);
    }
}
