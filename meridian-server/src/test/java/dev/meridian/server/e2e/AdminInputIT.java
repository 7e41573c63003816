package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.AdminClient.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input to the admin API is a 400 naming the field; nothing is created by a refused request. */
class AdminInputIT {

    private static GatewayFixture gateway;
    private static AdminClient admin;
    private static String tenant;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenant = admin.post("/tenants", "{\"name\":\"inputs\"}").text("id");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static void assertInvalid(Answer answer, String param) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.errorParam()).as(answer.toString()).isEqualTo(param);
        assertThat(answer.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void unknownField_isNamed() {
        assertInvalid(admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"colour\":\"red\"}"), "colour");
        assertInvalid(
                admin.patch("/tenants/" + tenant, "{\"quota\":{\"monthly_tokens\":1,\"tokens\":2}}"), "quota.tokens");
    }

    @Test
    void wrongType_isNamed() {
        assertInvalid(admin.post("/tenants/" + tenant + "/keys", "{\"name\":123}"), "name");
        assertInvalid(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"allowed_models\":\"gpt\"}"),
                "allowed_models");
        assertInvalid(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"allowed_models\":[\"gpt\",7]}"),
                "allowed_models[1]");
        assertInvalid(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"metadata\":{\"a\":{}}}"), "metadata.a");
        assertInvalid(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"expires_at\":\"tomorrow\"}"),
                "expires_at");
        assertInvalid(
                admin.patch("/tenants/" + tenant, "{\"quota\":{\"monthly_tokens\":\"lots\"}}"), "quota.monthly_tokens");
        assertInvalid(admin.patch("/tenants/" + tenant, "{\"store_bodies\":\"yes\"}"), "store_bodies");
        assertInvalid(admin.patch("/tenants/" + tenant, "{\"plan\":\"gold\"}"), "plan");
        assertInvalid(
                admin.post(
                        "/tenants/" + tenant + "/users",
                        "{\"email\":\"a@b.example\",\"name\":\"A\"," + "\"role\":\"owner\"}"),
                "role");
    }

    @Test
    void oversizedValues_areNamed() {
        String tenKb = "x".repeat(10 * 1024);
        assertInvalid(admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"" + tenKb + "\"}"), "name");
        assertInvalid(admin.post("/tenants", "{\"name\":\"" + tenKb + "\"}"), "name");
        assertInvalid(admin.post("/tenants/" + tenant + "/teams", "{\"name\":\"" + tenKb + "\"}"), "name");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertInvalid(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"metadata\":" + many + "}}"), "metadata");
        assertInvalid(
                admin.post(
                        "/tenants/" + tenant + "/keys",
                        "{\"name\":\"k\",\"metadata\":{\"note\":\"" + "y".repeat(501) + "\"}}"),
                "metadata.note");
        assertInvalid(
                admin.post("/tenants/" + tenant + "/keys/whatever/rotate", "{\"grace_seconds\":\"60\"}"),
                "grace_seconds");
        Answer huge = admin.post("/tenants", "{\"name\":\"" + "z".repeat(1_100_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void missingOrBlankRequired_isNamed() {
        assertInvalid(admin.post("/tenants/" + tenant + "/keys", "{}"), "name");
        assertInvalid(admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"  \"}"), "name");
        assertInvalid(
                admin.post("/tenants/" + tenant + "/users", "{\"email\":\"not-an-email\",\"name\":\"A\"}"), "email");
    }

    @Test
    void duplicates_areNamed() {
        assertThat(admin.post("/tenants/" + tenant + "/teams", "{\"name\":\"platform\"}")
                        .status())
                .isEqualTo(201);
        assertInvalid(admin.post("/tenants/" + tenant + "/teams", "{\"name\":\"platform\"}"), "name");
        assertInvalid(admin.post("/tenants", "{\"name\":\"inputs\"}"), "name");
        assertThat(admin.post("/tenants/" + tenant + "/users", "{\"email\":\"dup@x.example\",\"name\":\"D\"}")
                        .status())
                .isEqualTo(201);
        assertInvalid(
                admin.post("/tenants/" + tenant + "/users", "{\"email\":\"DUP@x.example\",\"name\":\"D\"}"), "email");
    }

    /** Nothing about another tenant shows: its users' emails are free to use here, and answered as new users. */
    @Test
    void emailOfAnotherTenant_isAnotherUser() {
        String other = admin.post("/tenants", "{\"name\":\"inputs-email\"}").text("id");
        Answer there = admin.post("/tenants/" + other + "/users", "{\"email\":\"shared@x.example\",\"name\":\"S\"}");
        assertThat(there.status()).as(there.toString()).isEqualTo(201);
        Answer here = admin.post("/tenants/" + tenant + "/users", "{\"email\":\"Shared@x.example\",\"name\":\"S\"}");
        assertThat(here.status()).as(here.toString()).isEqualTo(201);
        assertThat(here.text("id")).isNotEqualTo(there.text("id"));
        assertThat(here.text("tenant_id")).isEqualTo(tenant);
    }

    @Test
    void usersKeysAndTeams_arePaged() {
        String paged = admin.post("/tenants", "{\"name\":\"inputs-paged\"}").text("id");
        for (int i = 0; i < 5; i++) {
            admin.post("/tenants/" + paged + "/users", "{\"email\":\"u" + i + "@p.example\",\"name\":\"U\"}");
            admin.post("/tenants/" + paged + "/keys", "{\"name\":\"k" + i + "\"}");
            admin.post("/tenants/" + paged + "/teams", "{\"name\":\"t" + i + "\"}");
        }
        for (String list : List.of("users", "keys", "teams")) {
            String base = "/tenants/" + paged + "/" + list;
            List<String> ids = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Answer page = admin.get(base + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                assertThat(page.json().path("data").size()).isLessThanOrEqualTo(2);
                page.json().path("data").forEach(item -> ids.add(item.path("id").asText()));
                cursor = page.json().path("next_cursor").asText(null);
                pages++;
            } while (cursor != null);
            assertThat(pages).as(list).isEqualTo(3);
            assertThat(ids).as(list).hasSize(5).doesNotHaveDuplicates();
            assertThat(admin.get(base).json().path("data"))
                    .as(list + ", one default page")
                    .hasSize(5);
            assertInvalid(admin.get(base + "?limit=0"), "limit");
            assertInvalid(admin.get(base + "?limit=501"), "limit");
            assertInvalid(admin.get(base + "?cursor=bm9wZQ"), "cursor");
        }
    }

    @Test
    void referencesToOtherTenants_areNamed() {
        String other = admin.post("/tenants", "{\"name\":\"inputs-other\"}").text("id");
        String team =
                admin.post("/tenants/" + other + "/teams", "{\"name\":\"t\"}").text("id");
        assertInvalid(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"team_id\":\"" + team + "\"}"), "team_id");
        assertInvalid(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"user_id\":\"usr_nobody\"}"), "user_id");
    }

    @Test
    void malformedJsonAndQuery_areRefused() {
        Answer broken = admin.post("/tenants", "{\"name\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.errorCode()).isEqualTo("invalid_json");
        assertThat(admin.post("/tenants", "[1,2]").status()).isEqualTo(400);
        assertInvalid(admin.get("/tenants/" + tenant + "/requests?limit=0"), "limit");
        assertInvalid(admin.get("/tenants/" + tenant + "/requests?status=ok"), "status");
        assertInvalid(admin.get("/tenants/" + tenant + "/requests?from=yesterday"), "from");
        assertInvalid(admin.get("/tenants/" + tenant + "/requests?cursor=not-a-cursor"), "cursor");
        assertInvalid(admin.get("/tenants/" + tenant + "/requests?colour=red"), "colour");
        assertInvalid(admin.get("/tenants/" + tenant + "/audit?cursor=bm9wZQ"), "cursor");
    }

    @Test
    void unknownRoutesAndMethods() {
        assertThat(admin.get("/nothing-here").status()).isEqualTo(404);
        Answer method = admin.call("PUT", "/tenants/" + tenant, "{}");
        assertThat(method.status()).isEqualTo(405);
        assertThat(admin.get("/tenants/ten_missing").status()).isEqualTo(404);
    }
}
