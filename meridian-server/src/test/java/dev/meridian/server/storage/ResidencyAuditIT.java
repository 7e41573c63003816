package dev.meridian.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.server.audit.ResidencyAudit;
import dev.meridian.server.e2e.GatewayFixture;
import dev.meridian.simulator.Fault;
import dev.meridian.store.Database;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Residency evidence with {@code audit.residency.homeCountry: CN}: a request served abroad is a
 * {@code residency.transfer} audit entry in the chain, naming the rule and both countries; a domestic one is not; and a
 * request its rule forbids to leave is refused before anything is sent, with no transfer recorded.
 */
class ResidencyAuditIT {

    private GatewayFixture gateway;
    private Database db;
    private Tenant tenant;
    private String secret;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.startWith(
                "", """
                  cn-only:
                    deployments:
                      - {name: cn, provider: sim-openai, model: model-cn, country: CN}
                  us-only:
                    deployments:
                      - {name: us, provider: sim-openai, model: model-us, country: US}
                  us-then-cn:
                    deployments:
                      - {name: us-first, provider: sim-openai, model: model-us-first, country: US}
                    fallbacks:
                      any: [cn-only]
                """, GatewayFixture.SINGLE_ATTEMPT + "audit:\n  residency:\n    homeCountry: cn\n");
        db = gateway.server()
                .runtime()
                .storage()
                .database()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        tenant = db.tenants().create("shanghai-co", Plan.ENTERPRISE, TenantStatus.ACTIVE, null);
        secret = db.apiKeys().create(NewApiKey.caller(tenant.id(), "app")).secret();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> chat(String model, String rule) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}]}"));
        if (rule != null) {
            b.header("x-meridian-residency", rule);
        }
        return gateway.send(b.build());
    }

    private List<AuditEntry> transfers() {
        return db.audit().list(tenant.id(), null, null, null, 100).items().stream()
                .filter(e -> e.action().equals(ResidencyAudit.ACTION))
                .toList();
    }

    @Test
    void aCrossBorderRequest_isAnAuditEntryWithRuleAndCountries() throws Exception {
        HttpResponse<String> abroad = chat("us-only", "US");
        assertThat(abroad.statusCode()).isEqualTo(200);
        String requestId = abroad.headers().firstValue("x-request-id").orElseThrow();

        Poll.until(() -> transfers().size() == 1, Duration.ofSeconds(5), "the transfer is in the audit log");
        AuditEntry entry = transfers().get(0);
        assertThat(entry.targetType()).isEqualTo("request");
        assertThat(entry.targetId()).isEqualTo(requestId);
        assertThat(entry.actor()).isEqualTo("system");
        JsonNode after = new ObjectMapper().readTree(entry.afterJson());
        assertThat(after.path("rule").asText()).isEqualTo("US");
        assertThat(after.path("source_country").asText()).isEqualTo("CN");
        assertThat(after.path("destination_country").asText()).isEqualTo("US");
        assertThat(after.path("deployment").asText()).isEqualTo("us");
        assertThat(after.path("served").asBoolean()).isTrue();
        assertThat(db.audit().verify().isIntact()).isTrue();
    }

    @Test
    void aFailedAttemptAbroad_isATransferToo_markedNotServed() throws Exception {
        gateway.simulator().faults().enqueue(Fault.status(500).forModel("model-us-first"));
        HttpResponse<String> r = chat("us-then-cn", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-meridian-model")).hasValue("model-cn");

        Poll.until(() -> transfers().size() == 1, Duration.ofSeconds(5), "the failed attempt's transfer is audited");
        JsonNode after = new ObjectMapper().readTree(transfers().get(0).afterJson());
        assertThat(after.path("destination_country").asText()).isEqualTo("US");
        assertThat(after.path("deployment").asText()).isEqualTo("us-first");
        assertThat(after.path("served").asBoolean()).isFalse();
    }

    @Test
    void aTenantsOwnHomeCountry_replacesTheGateways() throws Exception {
        db.tenants().update(tenant.withHomeCountry("US"));
        HttpResponse<String> home = chat("us-only", null);
        assertThat(home.statusCode()).isEqualTo(200);
        HttpResponse<String> abroad = chat("cn-only", null);
        assertThat(abroad.statusCode()).isEqualTo(200);

        // Entries are written in order: once the later transfer is there, the earlier request's would be too.
        Poll.until(() -> transfers().size() == 1, Duration.ofSeconds(5), "the one transfer is in the audit log");
        AuditEntry entry = transfers().get(0);
        assertThat(entry.targetId())
                .isEqualTo(abroad.headers().firstValue("x-request-id").orElseThrow());
        JsonNode after = new ObjectMapper().readTree(entry.afterJson());
        assertThat(after.path("source_country").asText()).isEqualTo("US");
        assertThat(after.path("destination_country").asText()).isEqualTo("CN");
    }

    @Test
    void aDomesticRequest_isNoTransfer() {
        assertThat(chat("cn-only", "CN").statusCode()).isEqualTo(200);
        HttpResponse<String> abroad = chat("us-only", null);
        assertThat(abroad.statusCode()).isEqualTo(200);

        // Entries are written in order: once the later transfer is there, the earlier domestic one would be too.
        Poll.until(() -> transfers().size() == 1, Duration.ofSeconds(5), "the one transfer is in the audit log");
        assertThat(transfers().get(0).targetId())
                .isEqualTo(abroad.headers().firstValue("x-request-id").orElseThrow());
        assertThat(transfers().get(0).afterJson()).contains("\"rule\":null");
    }

    @Test
    void aRequestItsRuleKeepsHome_isRefusedBeforeSending_andNoTransferIsRecorded() {
        HttpResponse<String> refused = chat("us-only", "CN");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"residency_violation\"");
        assertThat(gateway.simulator().received()).as("nothing was sent").isEmpty();

        HttpResponse<String> marker = chat("us-only", "US");
        Poll.until(() -> transfers().size() == 1, Duration.ofSeconds(5), "the later transfer is in the audit log");
        assertThat(transfers().get(0).targetId())
                .isEqualTo(marker.headers().firstValue("x-request-id").orElseThrow());
    }
}
