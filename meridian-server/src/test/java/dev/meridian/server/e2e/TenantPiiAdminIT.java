package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.simulator.RecordedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's own PII settings through {@code /admin/v1/tenants/{id}/pii}: validated like the configuration (a
 * catastrophic pattern is refused when it is set, named), applied to that tenant's next request and to no other
 * tenant's, audited, and removable so the configuration's settings apply again. The gateway itself has PII off.
 */
class TenantPiiAdminIT {

    private static final String EMAIL = "jane.doe@corp.example";

    private static GatewayFixture gateway;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private record Tenant(String id, String callerKey) {}

    private static Tenant tenant(String name) {
        Answer t = admin.post("/tenants", "{\"name\":\"" + name + "\",\"plan\":\"enterprise\"}");
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        Answer key = admin.post("/tenants/" + t.text("id") + "/keys", "{\"name\":\"k\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return new Tenant(t.text("id"), key.text("secret"));
    }

    private static HttpResponse<String> chat(String callerKey, String text) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + callerKey)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"))
                .build());
    }

    private static String lastUpstreamBody() {
        List<RecordedRequest> all = gateway.simulator().received();
        return all.get(all.size() - 1).bodyText();
    }

    @Test
    void settingsPut_applyToTheTenantsNextRequest_andToNoOtherTenant_untilDeleted() {
        Tenant strict = tenant("pii-strict");
        Tenant other = tenant("pii-other");
        assertThat(chat(strict.callerKey(), "write to " + EMAIL).statusCode()).isEqualTo(200);

        Answer put = admin.put(
                "/tenants/" + strict.id() + "/pii",
                "{\"enabled\":true,\"default_action\":\"mask\",\"actions\":{\"email\":\"block\"},"
                        + "\"patterns\":{\"employee_id\":\"EMP-[0-9]{6}\"}}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.text("source")).isEqualTo("admin");
        assertThat(put.json().at("/effective/actions/email").asText()).isEqualTo("block");
        assertThat(put.json().at("/effective/active").asBoolean()).isTrue();

        HttpResponse<String> blocked = chat(strict.callerKey(), "write to " + EMAIL);
        assertThat(blocked.statusCode()).isEqualTo(400);
        assertThat(blocked.body()).contains("pii_blocked").contains("email").doesNotContain(EMAIL);

        assertThat(chat(strict.callerKey(), "ask EMP-123456 about it").statusCode())
                .isEqualTo(200);
        assertThat(lastUpstreamBody()).contains("ask [EMPLOYEE_ID_1] about it").doesNotContain("EMP-123456");

        assertThat(chat(other.callerKey(), "write to " + EMAIL).statusCode()).isEqualTo(200);
        assertThat(lastUpstreamBody()).contains(EMAIL);

        Answer deleted = admin.delete("/tenants/" + strict.id() + "/pii");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.text("source")).isEqualTo("configuration");
        assertThat(admin.get("/tenants/" + strict.id() + "/pii").text("source")).isEqualTo("configuration");
        assertThat(chat(strict.callerKey(), "write to " + EMAIL).statusCode()).isEqualTo(200);

        List<String> actions = admin.get("/tenants/" + strict.id() + "/audit")
                .json()
                .path("data")
                .findValuesAsText("action");
        assertThat(actions).contains("tenant.pii.update", "tenant.pii.delete");
    }

    @Test
    void aCatastrophicPattern_isRefusedWhenSet_namingIt_andNothingIsStored() {
        Tenant t = tenant("pii-evil-pattern");
        Answer r = admin.put("/tenants/" + t.id() + "/pii", "{\"enabled\":true,\"patterns\":{\"evil\":\"((a+)+)+b\"}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorParam()).isEqualTo("patterns");
        assertThat(r.json().at("/error/message").asText()).contains("'evil'").contains("catastrophic");
        assertThat(admin.get("/tenants/" + t.id() + "/pii").text("source")).isEqualTo("configuration");
    }

    @Test
    void badSettings_are400_namingTheField() {
        Tenant t = tenant("pii-bad-input");
        String path = "/tenants/" + t.id() + "/pii";
        Answer unknownClass = admin.put(path, "{\"actions\":{\"shoe_size\":\"block\"}}");
        assertThat(unknownClass.status()).isEqualTo(400);
        assertThat(unknownClass.errorParam()).isEqualTo("actions.shoe_size");

        Answer badAction = admin.put(path, "{\"default_action\":\"shred\"}");
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badAction.errorParam()).isEqualTo("default_action");

        Answer unknownField = admin.put(path, "{\"enable\":true}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.errorParam()).isEqualTo("enable");

        Answer badPattern = admin.put(path, "{\"patterns\":{\"broken\":\"[a-\"}}");
        assertThat(badPattern.status()).isEqualTo(400);
        assertThat(badPattern.json().at("/error/message").asText()).contains("'broken'");

        assertThat(admin.put("/tenants/ten_nosuch/pii", "{}").status()).isEqualTo(404);
    }

    @Test
    void onlyTheTenantsAdmins_changeIt_whileItsMembersRead() {
        Tenant t = tenant("pii-access");
        String dev = admin.post(
                        "/tenants/" + t.id() + "/users",
                        "{\"email\":\"dev@pii-access.example\",\"name\":\"Dev\",\"role\":\"developer\"}")
                .text("id");
        AdminClient developer = admin.as(admin.post("/tenants/" + t.id() + "/users/" + dev + "/tokens", "{}")
                .text("secret"));
        assertThat(developer.get("/tenants/" + t.id() + "/pii").status()).isEqualTo(200);
        assertThat(developer
                        .put("/tenants/" + t.id() + "/pii", "{\"enabled\":false}")
                        .status())
                .isEqualTo(403);

        Tenant stranger = tenant("pii-stranger");
        assertThat(developer.get("/tenants/" + stranger.id() + "/pii").status()).isIn(403, 404);
    }
}
