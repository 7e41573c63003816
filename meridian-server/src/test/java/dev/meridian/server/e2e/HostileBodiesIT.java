package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies built to break a parser (10,000 levels of nesting, a number of 2,000 digits, an integer no field can
 * hold) are the caller's 400 on every route, pass-through or translated, never a 500; and the gateway keeps serving.
 */
class HostileBodiesIT {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static void refused(String path, String body, String code) {
        HttpResponse<String> r = gateway.post(path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"code\":\"" + code + "\"").doesNotContain("StreamReadConstraints");
    }

    @Test
    void deepNesting_isInvalidJson_onEveryRoute() {
        for (String model : new String[] {"gpt", "claude"}) {
            refused(
                    "/v1/chat/completions",
                    "{\"model\":\"" + model + "\"," + MESSAGES + ",\"x\":" + nested(10_000) + "}",
                    "invalid_json");
        }
        refused("/v1/completions", "{\"model\":\"gpt\",\"prompt\":" + nested(10_000) + "}", "invalid_json");
        refused("/v1/embeddings", "{\"model\":\"embed-openai\",\"input\":" + nested(10_000) + "}", "invalid_json");
        refused("/v1/embeddings", "{\"model\":\"embed-gemini\",\"input\":" + nested(10_000) + "}", "invalid_json");
        assertThat(gateway.simulator().received())
                .as("nothing reached a provider")
                .isEmpty();
    }

    @Test
    void hugeNumbers_areRefused_onEveryRoute() {
        String digits = "1" + "0".repeat(2000);
        for (String model : new String[] {"gpt", "claude"}) {
            refused(
                    "/v1/chat/completions",
                    "{\"model\":\"" + model + "\"," + MESSAGES + ",\"temperature\":" + digits + "}",
                    "invalid_json");
        }
        refused(
                "/v1/completions",
                "{\"model\":\"claude\",\"prompt\":\"hi\",\"temperature\":" + digits + "}",
                "invalid_json");
        HttpResponse<String> tooBig = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"claude\",\"max_tokens\":99999999999999999999999," + MESSAGES + "}");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("\"param\":\"max_tokens\"").contains("outside the allowed range");
    }

    @Test
    void afterHostileBodies_theGatewayKeepsServing() {
        gateway.post("/v1/chat/completions", "{\"model\":\"gpt\"," + MESSAGES + ",\"x\":" + nested(50_000) + "}");

        HttpResponse<String> r = gateway.post("/v1/chat/completions", "{\"model\":\"gpt\"," + MESSAGES + "}");

        assertThat(r.statusCode()).isEqualTo(200);
    }
}
