package dev.meridian.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.GatewayFixture;
import dev.meridian.store.Database;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Plan;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.model.TenantStatus;
import dev.meridian.store.repo.ApiKeyRepository;
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
 * Virtual keys from the database on the request path: a tenant's key works, its model allow-list holds, its
 * tenant's residency rule applies, its requests are logged under the tenant, and revocation and suspension
 * take effect within seconds without a restart.
 */
class VirtualKeysIT {

    private GatewayFixture gateway;
    private Database db;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayFixture.startWith("", """
                  local-only:
                    deployments:
                      - {name: cn, provider: sim-openai, model: model-cn, country: CN}
                      - {name: us, provider: sim-openai, model: model-us, country: US}
                """, GatewayFixture.SINGLE_ATTEMPT);
        db = gateway.server()
                .runtime()
                .storage()
                .database()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> chat(String key, String model) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build());
    }

    @Test
    void aTenantsKey_works_untilRevoked_withoutARestart() throws Exception {
        Tenant tenant = db.tenants().create("acme", Plan.ENTERPRISE, TenantStatus.ACTIVE, null);
        ApiKeyRepository.Created key = db.apiKeys().create(NewApiKey.caller(tenant.id(), "billing-service"));

        HttpResponse<String> ok = chat(key.secret(), "gpt");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);

        db.apiKeys().revoke(key.key().id());
        Poll.until(
                () -> chat(key.secret(), "gpt").statusCode() == 401,
                Duration.ofSeconds(5),
                "the revoked key is refused with 401");
    }

    @Test
    void suspendingTheTenant_refusesItsKeysWith403_andActivatingAgainRestoresThem() throws Exception {
        Tenant tenant = db.tenants().create("globex", Plan.ENTERPRISE, TenantStatus.ACTIVE, null);
        String secret =
                db.apiKeys().create(NewApiKey.caller(tenant.id(), "app")).secret();
        assertThat(chat(secret, "gpt").statusCode()).isEqualTo(200);

        db.tenants().update(tenant.withStatus(TenantStatus.SUSPENDED));
        Poll.until(
                () -> chat(secret, "gpt").statusCode() == 403,
                Duration.ofSeconds(5),
                "the suspended tenant's key is refused with 403");
        assertThat(chat(secret, "gpt").body()).contains("\"code\":\"tenant_inactive\"");

        db.tenants().update(tenant.withStatus(TenantStatus.ACTIVE));
        Poll.until(
                () -> chat(secret, "gpt").statusCode() == 200,
                Duration.ofSeconds(5),
                "the reactivated tenant's key works again");
    }

    @Test
    void theModelAllowList_hidesOtherModels() {
        Tenant tenant = db.tenants().create("initech", Plan.ENTERPRISE, TenantStatus.ACTIVE, null);
        String secret = db.apiKeys()
                .create(NewApiKey.caller(tenant.id(), "narrow").withAllowedModels(List.of("gpt")))
                .secret();

        assertThat(chat(secret, "gpt").statusCode()).isEqualTo(200);
        HttpResponse<String> other = chat(secret, "claude");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("\"code\":\"model_not_found\"");
        HttpResponse<String> models = gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models"))
                .header("authorization", "Bearer " + secret)
                .build());
        assertThat(models.body()).contains("\"id\":\"gpt\"").doesNotContain("\"id\":\"claude\"");
    }

    @Test
    void theTenantsResidencyRule_appliesWhateverTheRequestSays() {
        Tenant tenant = db.tenants().create("shanghai-co", Plan.ENTERPRISE, TenantStatus.ACTIVE, null);
        db.tenants().update(tenant.withResidencyRule("CN"));
        String secret =
                db.apiKeys().create(NewApiKey.caller(tenant.id(), "app")).secret();

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r =
                    gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                            .header("authorization", "Bearer " + secret)
                            .header("x-meridian-residency", "US")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"local-only\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .build());
            assertThat(r.headers().firstValue("x-meridian-deployment")).hasValue("cn");
        }
    }

    @Test
    void requestsAreLoggedUnderTheirTenant_withUsageAndDeployment() throws Exception {
        Tenant tenant = db.tenants().create("umbrella", Plan.ENTERPRISE, TenantStatus.ACTIVE, null);
        String secret =
                db.apiKeys().create(NewApiKey.caller(tenant.id(), "app")).secret();
        HttpResponse<String> r = chat(secret, "gpt");
        String id = r.headers().firstValue("x-request-id").orElseThrow();

        Poll.until(
                () -> db.requestLog().get(tenant.id(), id).isPresent(),
                Duration.ofSeconds(5),
                "the request is in the log");
        RequestRecord record = db.requestLog().get(tenant.id(), id).orElse(null);

        assertThat(record).isNotNull();
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.modelAsked()).isEqualTo("gpt");
        assertThat(record.deployment()).isEqualTo("sim-openai/gpt-4o-mini");
        assertThat(record.provider()).isEqualTo("sim-openai");
        assertThat(record.inputTokens()).isPositive();
        assertThat(record.outputTokens()).isPositive();
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(record.prompt()).as("bodies are off for this tenant").isNull();
        assertThat(db.requestLog()
                        .query(RequestLogQuery.forTenant("someone-else", 50))
                        .items())
                .extracting(RequestRecord::requestId)
                .doesNotContain(id);
    }

    @Test
    void aCallersOwnRequestId_isEchoedBeside_theGatewaysOwn_soRepeatingItHidesNothing() throws Exception {
        Tenant tenant = db.tenants().create("repeaters", Plan.ENTERPRISE, TenantStatus.ACTIVE, null);
        String secret =
                db.apiKeys().create(NewApiKey.caller(tenant.id(), "app")).secret();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r =
                    gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                            .header("authorization", "Bearer " + secret)
                            .header("x-request-id", "same-id-every-time")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .build());
            assertThat(r.headers().firstValue("x-client-request-id")).hasValue("same-id-every-time");
            ids.add(r.headers().firstValue("x-request-id").orElseThrow());
        }

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.startsWith("req_"));
        Poll.until(() -> db.requestLog().count(tenant.id()) >= 3, "the three requests are in the log");
        assertThat(db.requestLog().count(tenant.id())).isEqualTo(3);
    }
}
