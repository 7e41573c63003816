package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Responses waiting to be written are bounded ({@code storage.responses.maxPendingWrites}): while the database does
 * not take writes, a request that asks to store its response is refused with 503 before it is sent, one that does
 * not is served, and every response answered before is written once the database takes writes again.
 */
class ResponsesStoreBackpressureIT {

    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void pastTheBound_storingRequestsAre503BeforeTheyAreSent_othersServed_andNoAnsweredResponseIsLost()
            throws Exception {
        gateway = GatewayFixture.startWithEnv(
                Map.of(), GatewayFixture.SINGLE_ATTEMPT + "storage:\n  responses:\n    maxPendingWrites: 64KiB\n");
        String input = "remember this ".repeat(1_200); // about 17 KB in each stored response's items
        assertThat(create(input, true).statusCode()).isEqualTo(200);

        List<String> answered = new ArrayList<>();
        HttpResponse<String> refused = null;
        int sentBefore = gateway.simulator().received().size();
        try (Connection lock = DriverManager.getConnection(
                        "jdbc:sqlite:" + gateway.home().resolve("meridian.db"));
                Statement s = lock.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // the database takes no writes until the rollback below
            for (int i = 0; i < 20 && refused == null; i++) {
                HttpResponse<String> r = create(input, true);
                if (r.statusCode() == 200) {
                    answered.add(json(r).path("id").asText());
                } else {
                    refused = r;
                }
            }
            assertThat(gateway.simulator().received())
                    .as("the refused request was not sent")
                    .hasSize(sentBefore + answered.size());
            HttpResponse<String> unstored = create(input, false);
            assertThat(unstored.statusCode()).as("store: false needs no write").isEqualTo(200);
            s.execute("ROLLBACK");
        }

        assertThat(refused)
                .as("refused once about 64 KiB wait, after %s answers", answered.size())
                .isNotNull();
        assertThat(answered).hasSizeBetween(3, 5);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
        JsonNode error = json(refused).path("error");
        assertThat(error.path("code").asText()).isEqualTo("gateway_overloaded");
        assertThat(error.path("param").asText()).isEqualTo("store");
        for (String id : answered) {
            Poll.until(() -> get(id).statusCode() == 200, "response " + id + " answered before the refusal is stored");
        }
        Poll.until(() -> create(input, true).statusCode() == 200, "storing requests are served again");
        // The last answer's own write follows its answer: the backlog is empty once that is done.
        Poll.until(
                () -> gateway.get("/metrics").body().contains("meridian_responses_pending_bytes 0.0"),
                "nothing waits to be written");
    }

    private HttpResponse<String> create(String input, boolean store) {
        String body = Json.object()
                .put("model", "gpt")
                .put("input", input)
                .put("store", store)
                .toString();
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/responses"))
                .timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> get(String id) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/responses/" + id))
                .timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + GatewayFixture.KEY)
                .build());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.parseTrusted(r.body());
    }
}
