package dev.meridian.simulator;

import static dev.meridian.simulator.SimClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class ProviderSimulatorIT {

    private static final String CHAT =
            "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}";

    @Test
    void received_recordsRequestsAsTheyArrived() {
        try (ProviderSimulator sim = ProviderSimulator.start()) {
            SimClient client = new SimClient(sim);
            client.post("/v1/chat/completions?trace=1", CHAT, "Authorization", "Bearer sk-a", "X-Custom", "yes");
            client.get("/_sim/health");

            assertThat(sim.received()).singleElement().satisfies(recorded -> {
                assertThat(recorded.method()).isEqualTo("POST");
                assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
                assertThat(recorded.query()).isEqualTo("trace=1");
                assertThat(recorded.header("x-custom")).hasValue("yes");
                assertThat(recorded.header("Authorization")).hasValue("Bearer sk-a");
                assertThat(recorded.bodyJson().path("model").asText()).isEqualTo("gpt-4o-mini");
                assertThat(recorded.bodyText()).isEqualTo(CHAT);
                assertThat(recorded.receivedAt()).isNotNull();
            });
            JsonNode overHttp = json(client.get("/_sim/requests"));
            assertThat(overHttp.at("/requests/0/path").asText()).isEqualTo("/v1/chat/completions");
            assertThat(overHttp.at("/requests/0/body/model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(overHttp.at("/requests/0/headers/x-custom/0").asText()).isEqualTo("yes");

            sim.clearReceived();
            assertThat(sim.received()).isEmpty();
            client.post("/v1/chat/completions", CHAT, "Authorization", "Bearer sk-a");
            assertThat(client.delete("/_sim/requests").statusCode()).isEqualTo(204);
            assertThat(json(client.get("/_sim/requests")).path("requests")).isEmpty();
        }
    }

    @Test
    void received_isBoundedAndCanBeTurnedOff() {
        try (ProviderSimulator bounded =
                        ProviderSimulator.start(SimulatorOptions.defaults().recordLimit(2));
                ProviderSimulator off =
                        ProviderSimulator.start(SimulatorOptions.defaults().recording(false))) {
            SimClient boundedClient = new SimClient(bounded);
            for (int i = 0; i < 3; i++) {
                boundedClient.get("/v1/models?i=" + i, "Authorization", "Bearer k");
            }
            new SimClient(off).get("/v1/models", "Authorization", "Bearer k");

            assertThat(bounded.received()).extracting(RecordedRequest::query).containsExactly("i=1", "i=2");
            assertThat(off.received()).isEmpty();
        }
    }

    @Test
    void tls_negotiatesHttp2WithTheSelfSignedCertificate() throws Exception {
        try (ProviderSimulator sim =
                ProviderSimulator.start(SimulatorOptions.defaults().tls(true))) {
            assertThat(sim.baseUrl()).startsWith("https://127.0.0.1:");
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_2)
                    .sslContext(trusting(sim))
                    .build();

            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + sim.port() + "/v1/chat/completions"))
                            .header("Authorization", "Bearer k")
                            .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).at("/choices/0/message/content").asText()).startsWith("Simulated reply");
        }
    }

    @Test
    void instances_shareOnePort() {
        try (ProviderSimulator sim =
                ProviderSimulator.start(SimulatorOptions.defaults().instances(3))) {
            SimClient client = new SimClient(sim);
            for (int i = 0; i < 6; i++) {
                assertThat(client.post("/v1/chat/completions", CHAT, "Authorization", "Bearer k")
                                .statusCode())
                        .isEqualTo(200);
            }
            assertThat(sim.received()).hasSize(6);
        }
    }

    @Test
    void start_onCallersVertx_leavesItOpen() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ProviderSimulator sim =
                    ProviderSimulator.start(vertx, SimulatorOptions.defaults()).await(10, TimeUnit.SECONDS);
            assertThat(new SimClient(sim).get("/_sim/health").statusCode()).isEqualTo(200);
            sim.close();
            sim.close();

            ProviderSimulator again =
                    ProviderSimulator.start(vertx, SimulatorOptions.defaults()).await(10, TimeUnit.SECONDS);
            assertThat(again.port()).isPositive().isNotEqualTo(sim.port());
            again.close();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void baseUrls_followEachSdksConvention() {
        try (ProviderSimulator sim = ProviderSimulator.start()) {
            String base = "http://127.0.0.1:" + sim.port();

            assertThat(sim.baseUrl()).isEqualTo(base);
            assertThat(sim.openAiBaseUrl()).isEqualTo(base + "/v1");
            assertThat(sim.anthropicBaseUrl()).isEqualTo(base);
            assertThat(sim.azureEndpoint()).isEqualTo(base);
            assertThat(sim.geminiBaseUrl()).isEqualTo(base + "/v1beta");
            assertThat(sim.certificatePath()).isEmpty();
        }
    }

    @Test
    void models_configuredListRestrictsEveryProtocol() {
        try (ProviderSimulator sim =
                ProviderSimulator.start(SimulatorOptions.defaults().models(List.of("only-model")))) {
            SimClient client = new SimClient(sim);

            HttpResponse<String> unknown = client.post("/v1/chat/completions", CHAT, "Authorization", "Bearer k");
            JsonNode listed = json(client.get("/v1/models", "Authorization", "Bearer k"));

            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).at("/error/code").asText()).isEqualTo("model_not_found");
            assertThat(listed.path("data").findValuesAsText("id")).containsExactly("only-model");
        }
    }

    private static SSLContext trusting(ProviderSimulator sim) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(sim.certificatePath().orElseThrow())) {
            store.setCertificateEntry(
                    "simulator", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
