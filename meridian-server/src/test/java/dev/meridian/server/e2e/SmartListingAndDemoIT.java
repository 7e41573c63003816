package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code auto} is listed only when it can serve, and {@code demo: true} adds the demo models to a file's own. */
class SmartListingAndDemoIT {

    private static final String HELLO = "[{\"role\":\"user\",\"content\":\"Hello!\"}]";

    @Test
    void models_autoWithNoConfiguredCandidate_isNotListed_andAnswers404() {
        try (GatewayFixture gateway = GatewayFixture.start()) {
            assertThat(listed(gateway)).contains("gpt", "claude").doesNotContain("auto");

            HttpResponse<String> r = gateway.post("/v1/chat/completions", chat("auto"));
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("model_not_found");
        }
    }

    @Test
    void models_autoWithAConfiguredCandidate_isListed_andServes() {
        String routing = GatewayFixture.SINGLE_ATTEMPT + """
                  smart:
                    candidates:
                      chat: {low: [gpt], medium: [claude]}
                """;
        try (GatewayFixture gateway = GatewayFixture.startWith("", "", routing)) {
            assertThat(listed(gateway)).contains("gpt", "auto");

            HttpResponse<String> r =
                    gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                            .header("authorization", "Bearer " + GatewayFixture.KEY)
                            .header("x-meridian-task", "chat")
                            .header("x-meridian-quality", "low")
                            .POST(HttpRequest.BodyPublishers.ofString(chat("auto")))
                            .build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-meridian-provider")).hasValue("sim-openai");
        }
    }

    @Test
    void demoTrue_inAConfigurationFile_servesDemoModelsBesideTheFilesOwn_andFallsBackToThem() {
        String unreachable = """
                  unreachable:
                    type: openai
                    baseUrl: http://127.0.0.1:1/v1
                    apiKey: sk-unreachable-1
                """;
        String tryout = """
                  tryout:
                    provider: unreachable
                    model: gpt-4o-mini
                    fallbacks:
                      any: [demo-claude]
                """;
        try (GatewayFixture gateway =
                GatewayFixture.startWith(unreachable, tryout, "demo: true\n" + GatewayFixture.SINGLE_ATTEMPT)) {
            assertThat(gateway.console()).contains("with demo models from the built-in provider simulator at");
            assertThat(listed(gateway)).contains("gpt", "tryout", "demo-gpt", "demo-claude", "auto");

            HttpResponse<String> demo = gateway.post("/v1/chat/completions", chat("demo-gpt"));
            assertThat(demo.statusCode()).isEqualTo(200);
            assertThat(demo.headers().firstValue("x-meridian-provider")).hasValue("demo-openai");
            assertThat(demo.body()).contains("Hello!");

            HttpResponse<String> own = gateway.post("/v1/chat/completions", chat("gpt"));
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.headers().firstValue("x-meridian-provider")).hasValue("sim-openai");

            HttpResponse<String> fallback = gateway.post("/v1/chat/completions", chat("tryout"));
            assertThat(fallback.statusCode()).isEqualTo(200);
            assertThat(fallback.headers().firstValue("x-meridian-provider")).hasValue("demo-anthropic");
        }
    }

    private static List<String> listed(GatewayFixture gateway) {
        HttpResponse<String> r = gateway.get("/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.parseTrusted(r.body()).get("data").findValuesAsText("id");
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":" + HELLO + "}";
    }
}
