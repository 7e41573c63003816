package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Virtual keys end to end over HTTP: create, call, rotate with grace, revoke, tenant suspension, allow-lists. */
class AdminKeyLifecycleIT {

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

    private static String tenant(String name) {
        Answer t = admin.post("/tenants", "{\"name\":\"" + name + "\",\"plan\":\"enterprise\"}");
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        return t.text("id");
    }

    @Test
    void key_createCallRotateRevoke() {
        String tenant = tenant("lifecycle");
        Answer created = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"ci\",\"metadata\":{\"env\":\"ci\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String keyId = created.text("id");
        String secret = created.text("secret");
        assertThat(secret).startsWith("sk-mer-");
        assertThat(created.text("prefix")).isEqualTo(secret.substring(0, 12));
        assertThat(created.json().has("secret_hash")).isFalse();

        assertThat(admin.chat(secret, "gpt").status()).isEqualTo(200);

        Answer listed = admin.get("/tenants/" + tenant + "/keys");
        assertThat(listed.body()).contains(keyId).doesNotContain(secret).doesNotContain("secret");
        assertThat(admin.get("/tenants/" + tenant + "/keys/" + keyId).body()).doesNotContain(secret);

        Answer rotated = admin.post("/tenants/" + tenant + "/keys/" + keyId + "/rotate", "{\"grace_seconds\":60}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newSecret = rotated.text("secret");
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(rotated.text("previous_valid_until")).isNotBlank();
        assertThat(admin.chat(secret, "gpt").status())
                .as("old secret within grace")
                .isEqualTo(200);
        assertThat(admin.chat(newSecret, "gpt").status()).isEqualTo(200);

        Answer revoked = admin.post("/tenants/" + tenant + "/keys/" + keyId + "/revoke", null);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.text("status")).isEqualTo("revoked");
        Poll.until(
                () -> admin.chat(newSecret, "gpt").status() == 401
                        && admin.chat(secret, "gpt").status() == 401,
                Duration.ofSeconds(2),
                "both secrets are refused");
    }

    @Test
    void rotate_withZeroGrace_oldSecretStopsAtOnce() {
        String tenant = tenant("no-grace");
        Answer created = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}");
        String secret = created.text("secret");
        assertThat(admin.chat(secret, "gpt").status()).isEqualTo(200);
        Answer rotated =
                admin.post("/tenants/" + tenant + "/keys/" + created.text("id") + "/rotate", "{\"grace_seconds\":0}");
        Poll.until(() -> admin.chat(secret, "gpt").status() == 401, Duration.ofSeconds(2), "the old secret is refused");
        assertThat(admin.chat(rotated.text("secret"), "gpt").status()).isEqualTo(200);
    }

    @Test
    void suspendTenant_keysGet403TenantInactive_untilActivated() {
        String tenant = tenant("suspended-co");
        String secret =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}").text("secret");
        assertThat(admin.chat(secret, "gpt").status()).isEqualTo(200);

        Answer suspended = admin.patch("/tenants/" + tenant, "{\"status\":\"suspended\"}");
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("suspended");
        Poll.until(
                () -> {
                    Answer a = admin.chat(secret, "gpt");
                    return a.status() == 403 && "tenant_inactive".equals(a.errorCode());
                },
                Duration.ofSeconds(2),
                "the key is refused with 403 tenant_inactive");

        admin.patch("/tenants/" + tenant, "{\"status\":\"active\"}");
        Poll.until(() -> admin.chat(secret, "gpt").status() == 200, Duration.ofSeconds(2), "the key works again");
    }

    @Test
    void allowedModels_otherModelsAre404() {
        String tenant = tenant("allow-list");
        String secret = admin.post(
                        "/tenants/" + tenant + "/keys", "{\"name\":\"only-gpt\",\"allowed_models\":[\"gpt\"]}")
                .text("secret");
        assertThat(admin.chat(secret, "gpt").status()).isEqualTo(200);
        Answer other = admin.chat(secret, "claude");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.errorCode()).isEqualTo("model_not_found");
    }

    @Test
    void expiredKey_isRefused_andPastExpiryIsRejected() {
        String tenant = tenant("expiry");
        Answer past = admin.post(
                "/tenants/" + tenant + "/keys", "{\"name\":\"old\",\"expires_at\":\"2001-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.errorParam()).isEqualTo("expires_at");
        Answer soon = admin.post(
                "/tenants/" + tenant + "/keys",
                "{\"name\":\"soon\",\"expires_at\":\"" + java.time.Instant.now().plusSeconds(1) + "\"}");
        assertThat(soon.status()).isEqualTo(201);
        Poll.until(
                () -> admin.chat(soon.text("secret"), "gpt").status() == 401,
                Duration.ofSeconds(4),
                "the expired key is refused");
    }

    @Test
    void noKey_is401_wrongKey_is401_callerKey_is401() {
        assertThat(admin.as(null).get("/tenants").status()).isEqualTo(401);
        assertThat(admin.as("sk-mer-not-a-key").get("/tenants").status()).isEqualTo(401);
        String tenant = tenant("caller-not-admin");
        String secret =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}").text("secret");
        assertThat(admin.as(secret).get("/tenants").status())
                .as("a caller key is no admin token")
                .isEqualTo(401);
    }

    @Test
    void deployments_stillServedToTheSuperAdmin() {
        Answer d = admin.get("/deployments");
        assertThat(d.status()).as(d.toString()).isEqualTo(200);
        assertThat(d.body()).contains("gpt");
    }
}
