package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.SimulatorOptions;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Outbound TLS verifies the provider's certificate by default: one the JVM does not trust is never talked to. */
class OutboundTlsVerificationIT {

    @Test
    void aProviderWithAnUntrustedCertificate_isNotSentTheRequest() {
        try (ProviderSimulator tlsSimulator =
                ProviderSimulator.start(SimulatorOptions.defaults().tls(true))) {
            String tlsUrl = tlsSimulator.baseUrl().replace("127.0.0.1", "localhost");
            String providers = """
                      self-signed:
                        type: openai
                        baseUrl: %s/v1
                        apiKey: sim-key
                    """.formatted(tlsUrl);
            String models = """
                      untrusted:
                        provider: self-signed
                        model: gpt-4o-mini
                    """;
            try (GatewayFixture gateway = GatewayFixture.startWith(providers, models)) {
                HttpResponse<String> r = gateway.post(
                        "/v1/chat/completions",
                        "{\"model\":\"untrusted\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");

                assertThat(r.statusCode()).isEqualTo(502);
                assertThat(tlsSimulator.received())
                        .as("no request reached the untrusted provider")
                        .isEmpty();
            }
        }
    }
}
