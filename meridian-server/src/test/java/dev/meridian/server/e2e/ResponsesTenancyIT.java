package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stored responses belong to the tenant whose key created them: another tenant can neither read, delete nor continue
 * them (404, as for an id that does not exist). A Responses request is in the request log with its usage and cost,
 * like a chat completion.
 */
class ResponsesTenancyIT {

    private static GatewayFixture gateway;
    private static AdminClient admin;
    private static String tenantA;
    private static String keyA;
    private static String keyB;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
        tenantA = admin.post("/tenants", "{\"name\":\"responses-a\",\"plan\":\"enterprise\"}")
                .text("id");
        String tenantB = admin.post("/tenants", "{\"name\":\"responses-b\",\"plan\":\"enterprise\"}")
                .text("id");
        keyA = admin.post("/tenants/" + tenantA + "/keys", "{\"name\":\"a\"}").text("secret");
        keyB = admin.post("/tenants/" + tenantB + "/keys", "{\"name\":\"b\"}").text("secret");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> call(String key, String method, String path, String body) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseTrusted(r.body());
    }

    @Test
    void anotherTenant_cannotReadDeleteOrContinueAStoredResponse() {
        HttpResponse<String> created =
                call(keyA, "POST", "/v1/responses", "{\"model\":\"claude\",\"input\":\"keep this between us\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = json(created).path("id").asText();

        HttpResponse<String> read = call(keyB, "GET", "/v1/responses/" + id, null);
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.body()).doesNotContain("keep this between us");
        assertThat(call(keyB, "DELETE", "/v1/responses/" + id, null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> continued = call(
                keyB,
                "POST",
                "/v1/responses",
                "{\"model\":\"claude\",\"previous_response_id\":\"" + id + "\",\"input\":\"what did they say?\"}");
        assertThat(continued.statusCode()).isEqualTo(404);
        assertThat(json(continued).path("error").path("param").asText()).isEqualTo("previous_response_id");
        assertThat(call(GatewayFixture.KEY, "GET", "/v1/responses/" + id, null).statusCode())
                .as("a configured key is an owner of its own")
                .isEqualTo(404);

        HttpResponse<String> own = call(keyA, "GET", "/v1/responses/" + id, null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json(own)).isEqualTo(json(created));
    }

    @Test
    void responsesRequest_isInTheRequestLogWithUsageAndCost() {
        HttpResponse<String> answer =
                call(keyA, "POST", "/v1/responses", "{\"model\":\"gpt\",\"input\":\"count me\",\"store\":false}");
        assertThat(answer.statusCode()).isEqualTo(200);
        String requestId = answer.headers().firstValue("x-request-id").orElseThrow();
        double cost = Double.parseDouble(
                answer.headers().firstValue("x-meridian-cost-usd").orElseThrow());
        JsonNode usage = json(answer).path("usage");

        String path = "/tenants/" + tenantA + "/requests/" + requestId;
        Poll.until(() -> admin.get(path).status() == 200, "the record arrives");
        JsonNode record = admin.get(path).json();
        assertThat(record.path("model_asked").asText()).isEqualTo("gpt");
        assertThat(record.path("status").asInt()).isEqualTo(200);
        assertThat(record.path("input_tokens").asLong())
                .isEqualTo(usage.path("input_tokens").asLong());
        assertThat(record.path("output_tokens").asLong())
                .isEqualTo(usage.path("output_tokens").asLong());
        assertThat(record.path("cost_usd").asDouble()).isCloseTo(cost, within(cost * 1e-5 + 1e-12));
    }

    @Test
    void wrongMethodAndUnknownSubpath_areOpenAiErrors() {
        HttpResponse<String> put = call(keyA, "PUT", "/v1/responses/resp_x", "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("allow")).hasValue("GET, DELETE");
        assertThat(call(keyA, "GET", "/v1/responses/resp_x/input_items", null).statusCode())
                .isEqualTo(404);
        assertThat(call(keyA, "GET", "/v1/responses", null).statusCode()).isEqualTo(405);
        assertThat(call("sk-wrong", "GET", "/v1/responses/resp_x", null).statusCode())
                .isEqualTo(401);
    }
}
