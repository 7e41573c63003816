package dev.meridian.server.e2e;

import dev.meridian.core.routing.Deployment;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the high-availability tests share: a gateway (and at times a second simulator) per test, a pair of
 * deployments told apart by upstream model name, fast routing settings, and what the simulator received.
 */
abstract class HighAvailabilityBase {

    /** Two deployments; dep-b has weight 0, so dep-a is always tried first. */
    static final String PAIR = """
              pair:
                deployments:
                  - {name: dep-a, provider: sim-openai, model: model-a}
                  - {name: dep-b, provider: sim-openai, model: model-b, weight: 0}
            """;

    static final String FAST_ROUTING = """
            routing:
              retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms, attemptTimeout: 500ms}
              healthChecks: {enabled: false}
            """;

    GatewayFixture gateway;
    ProviderSimulator second;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (second != null) {
            second.close();
        }
    }

    static String chat(String model, String text, boolean stream) {
        return """
                {"model":"%s","stream":%s,"messages":[{"role":"user","content":"%s"}]}
                """.formatted(model, stream, text);
    }

    List<String> modelsReceived() {
        List<String> models = new ArrayList<>();
        for (RecordedRequest r : gateway.simulator().received()) {
            if (r.path().endsWith("/chat/completions")) {
                models.add(r.bodyJson().path("model").asText());
            }
        }
        return models;
    }

    Deployment<Route> deployment(String group, String id) {
        ModelGroup g = gateway.server().runtime().routes().group(group);
        return g.deployments().stream()
                .filter(d -> d.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
