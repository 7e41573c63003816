package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.server.admin.AuditTrail;
import dev.meridian.server.e2e.AdminClient.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Admin input an attacker would try, each a 4xx naming the field and never a 500: a JSON {@code null} as the whole
 * body of every POST and PATCH that takes one, instants so far out that converting them overflowed, text that is not
 * text (control characters, lone surrogates), enum values in the wrong case, names of models and residency rules
 * that are not configured, bodies that are not JSON, and wrong types, whose messages must not speak Jackson
 * (issue 9, item 8).
 */
class AdminHostileInputIT {

    private static final String INSTANT_FORM = "an ISO-8601 instant between 1970-01-01T00:00:00Z and"
            + " 9999-12-31T23:59:59Z, such as 2030-01-31T00:00:00Z";
    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";
    private static GatewayFixture gateway;
    private static AdminClient admin;
    private static String tenant;
    private static String key;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenant = admin.post("/tenants", "{\"name\":\"hostile\",\"plan\":\"enterprise\"}")
                .text("id");
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
    void controlCharacters_areA400_namingTheField() {
        String keys = "/tenants/" + tenant + "/keys";
        refused(admin.post("/tenants", "{\"name\":\"nul\\u0000byte\"}"), "name");
        refused(admin.post("/tenants", "{\"name\":\"ad\\u202Enim\"}"), "name");
        refused(admin.post("/tenants/" + tenant + "/teams", "{\"name\":\"esc\\u001b[31m\"}"), "name");
        refused(
                admin.post("/tenants/" + tenant + "/users", "{\"email\":\"a\\u0000@b.example\",\"name\":\"A\"}"),
                "email");
        refused(
                admin.post("/tenants/" + tenant + "/users", "{\"email\":\"a@b.example\",\"name\":\"A\\u0007\"}"),
                "name");
        refused(admin.post(keys, "{\"name\":\"k\",\"metadata\":{\"note\":\"a\\u0000b\"}}"), "metadata.note");
        refused(admin.post(keys, "{\"name\":\"k\",\"metadata\":{\"n\\u0000\":\"v\"}}"), "metadata");
        refused(admin.post(keys, "{\"name\":\"k\",\"allowed_models\":[\"gpt\\u0000\"]}"), "allowed_models[0]");
        Answer answer = admin.post("/tenants", "{\"name\":\"tab\\tname\"}");
        assertThat(answer.json().at("/error/message").asText())
                .isEqualTo("`name` must not contain control characters (U+0009 at index 3).");
    }

    @Test
    void loneSurrogates_areA400_namingTheField() {
        refused(admin.post("/tenants", "{\"name\":\"half \\ud83d\"}"), "name");
        refused(admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"\\ude00 low\"}"), "name");
        refused(
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"metadata\":{\"m\":\"\\udfff\"}}"),
                "metadata.m");
    }

    @Test
    void fullUnicode_isStoredAnsweredAndAuditedAlike() throws Exception {
        Answer created = admin.post("/tenants", "{\"name\":\"caf\u00e9 \\ud83d\\ude00 \u4e2d\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String name = "caf\u00e9 \ud83d\ude00 \u4e2d";
        assertThat(created.text("name")).isEqualTo(name);
        assertThat(admin.get("/tenants/" + created.text("id")).text("name")).isEqualTo(name);
        // The audit line is written before the answer.
        JsonNode line = Files.readAllLines(gateway.home().resolve(AuditTrail.FILE), StandardCharsets.UTF_8).stream()
                .map(Json::parseTrusted)
                .filter(n -> n.path("target_id").asText().equals(created.text("id")))
                .findFirst()
                .orElseThrow();
        assertThat(line.at("/after/name").asText()).isEqualTo(name);
    }

    @Test
    void enumValues_areLowerCaseOnly() {
        refused(admin.post("/tenants", "{\"name\":\"upper\",\"plan\":\"ENTERPRISE\"}"), "plan");
        refused(admin.patch("/tenants/" + tenant, "{\"status\":\"Suspended\"}"), "status");
        Answer role = admin.post(
                "/tenants/" + tenant + "/users", "{\"email\":\"r@x.example\",\"name\":\"R\",\"role\":\"ADMIN\"}");
        refused(role, "role");
        assertThat(role.json().at("/error/message").asText())
                .isEqualTo("Invalid value for `role`: expected one of admin, developer, viewer, billing.");
        assertThat(admin.post("/tenants", "{\"name\":\"lower\",\"plan\":\"enterprise\"}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aHomeCountryThatIsNoCountryCode_isA400_andAnEmptyOneFallsBackToTheGateways() {
        refused(admin.post("/tenants", "{\"name\":\"narnia\",\"home_country\":\"Narnia\"}"), "home_country");
        refused(admin.patch("/tenants/" + tenant, "{\"home_country\":\"1A\"}"), "home_country");
        Answer de = admin.patch("/tenants/" + tenant, "{\"home_country\":\"de\"}");
        assertThat(de.status()).as(de.toString()).isEqualTo(200);
        assertThat(de.text("home_country")).isEqualTo("DE");
        Answer cleared = admin.patch("/tenants/" + tenant, "{\"home_country\":\"\"}");
        assertThat(cleared.json().path("home_country").isNull()).isTrue();
    }

    @Test
    void unknownResidencyRule_isA400_andTheTenantKeepsServing() {
        refused(admin.post("/tenants", "{\"name\":\"mars\",\"residency_rule\":\"MARS\"}"), "residency_rule");
        Answer patched = admin.patch("/tenants/" + tenant, "{\"residency_rule\":\"MARS\"}");
        refused(patched, "residency_rule");
        assertThat(patched.json().at("/error/message").asText()).contains("CN, EU, US");
        assertThat(admin.patch("/tenants/" + tenant, "{\"residency_rule\":\"eu\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.patch("/tenants/" + tenant, "{\"residency_rule\":\"\"}")
                        .status())
                .isEqualTo(200);
        String secret = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"serving\"}")
                .text("secret");
        assertThat(admin.chat(secret, "gpt").status()).isEqualTo(200);
    }

    @Test
    void modelsThatAreNotConfigured_areA400_namingTheEntry() {
        Answer key =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"allowed_models\":[\"gpt\",\"gpt-9\"]}");
        refused(key, "allowed_models[1]");
        assertThat(key.json().at("/error/message").asText()).contains("`gpt-9`");
        refused(
                admin.patch("/tenants/" + tenant, "{\"quota\":{\"available_models\":[\"claude\",\"nope\"]}}"),
                "quota.available_models[1]");
        assertThat(admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\",\"allowed_models\":[\"gpt\",\"auto\"]}")
                        .status())
                .isEqualTo(201);
        assertThat(admin.patch("/tenants/" + tenant, "{\"quota\":{\"available_models\":[\"*\"]}}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void bodiesThatAreNotJson_areA415() {
        String path = "/tenants/" + tenant + "/teams";
        for (String type : new String[] {
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/jsonx",
            "application/json; charset=latin1",
            null
        }) {
            Answer answer = admin.call("POST", path, "{\"name\":\"typed\"}", type);
            assertThat(answer.status()).as(type + ": " + answer.body()).isEqualTo(415);
            assertThat(answer.errorCode()).isEqualTo("unsupported_media_type");
        }
        assertThat(admin.call("POST", path, "{\"name\":\"typed\"}", "Application/JSON; charset=UTF-8")
                        .status())
                .isEqualTo(201);
        String created = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"bodiless\"}")
                .text("id");
        assertThat(admin.call("POST", "/tenants/" + tenant + "/keys/" + created + "/revoke", null, null)
                        .status())
                .as("no body, no content type needed")
                .isEqualTo(200);
    }

    @Test
    void wrongTypes_areExplainedInTheApisTerms() {
        String keys = "/tenants/" + tenant + "/keys";
        Map<String, String> expected = Map.of(
                "{\"name\":123}", "Invalid type for `name`: expected a string.",
                "{\"name\":\"k\",\"metadata\":\"x\"}", "Invalid type for `metadata`: expected an object of strings.",
                "{\"name\":\"k\",\"metadata\":{\"a\":1}}", "Invalid type for `metadata.a`: expected a string.",
                "{\"name\":\"k\",\"allowed_models\":{}}", "Invalid type for `allowed_models`: expected an array.",
                "{\"name\":[\"k\"]}", "Invalid type for `name`: expected a string.",
                "{\"name\":\"k\",\"expires_at\":1}", "Invalid type for `expires_at`: expected " + INSTANT_FORM + ".");
        expected.forEach((body, message) -> {
            Answer answer = admin.post(keys, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().at("/error/message").asText()).as(body).isEqualTo(message);
        });
        Answer grace = admin.post(keys + "/key_x/rotate", "{\"grace_seconds\":99999999999999999999}");
        assertThat(grace.json().at("/error/message").asText())
                .isEqualTo("Invalid value for `grace_seconds`: the number is out of range.");
        Answer dup = admin.post("/tenants", "{\"name\":\"a\",\"name\":\"b\"}");
        assertThat(dup.json().at("/error/message").asText())
                .isEqualTo("The request body holds the field `name` twice.");
        Answer broken = admin.post("/tenants", "{\"name\":");
        assertThat(broken.json().at("/error/message").asText()).startsWith("The request body is not valid JSON");
        for (Answer a : new Answer[] {grace, dup, broken}) {
            assertThat(a.body()).doesNotContainIgnoringCase("java").doesNotContain("Coercion", "Constraints", "Source");
        }
    }

    @Test
    void afterHostileInput_theAdminApiKeepsServing() {
        aNullBody_isA400_onEveryWrite();

        assertThat(admin.get("/tenants/" + tenant).status()).isEqualTo(200);
    }
}
