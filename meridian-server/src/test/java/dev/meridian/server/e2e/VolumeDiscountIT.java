package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.e2e.AdminClient.Answer;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volume discounts through the real gateway: a tenant past a tier's threshold is billed list × (1 − rate) in the
 * answer, the request log and the usage report, which reconcile to the cent; list cost is kept beside it. The
 * configured default here opens a 10 % tier at the first token, so a tenant's second request is discounted.
 */
class VolumeDiscountIT {

    private static final String PRICING = """
            pricing:
              volumeDiscounts:
                - {fromTokens: 0, percent: 0}
                - {fromTokens: 1, percent: 10}
            """;

    private static GatewayFixture gateway;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWith("", "", GatewayFixture.SINGLE_ATTEMPT + PRICING, GatewayFixture.ADMIN_KEY);
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> chat(String secret) {
        HttpResponse<String> r =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + secret)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static double header(HttpResponse<String> r, String name) {
        return Double.parseDouble(r.headers().firstValue(name).orElseThrow());
    }

    private static JsonNode records(String tenant, int count) {
        Poll.until(
                () -> admin.get("/tenants/" + tenant + "/requests")
                                .json()
                                .path("data")
                                .size()
                        == count,
                count + " records arrive");
        return admin.get("/tenants/" + tenant + "/requests").json().path("data");
    }

    @Test
    void aTenantPastTheThreshold_isBilledListLessTheRate_inTheAnswerTheLogAndTheReport() {
        String tenant = admin.post("/tenants", "{\"name\":\"volume-default\",\"plan\":\"enterprise\"}")
                .text("id");
        String secret =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}").text("secret");

        HttpResponse<String> first = chat(secret);
        HttpResponse<String> second = chat(secret);
        HttpResponse<String> third = chat(secret);

        assertThat(first.headers().firstValue("x-meridian-billed-cost-usd"))
                .as("no tokens yet this month: below the 10 % tier, billed at list, no billed header")
                .isEmpty();
        for (HttpResponse<String> r : new HttpResponse[] {second, third}) {
            assertThat(header(r, "x-meridian-billed-cost-usd"))
                    .isCloseTo(header(r, "x-meridian-cost-usd") * 0.9, within(1e-9));
        }
        double list = 0;
        double billed = 0;
        int discounted = 0;
        for (JsonNode r : records(tenant, 3)) {
            double cost = r.path("cost_usd").asDouble();
            double bill = r.path("billed_cost_usd").asDouble();
            assertThat(cost).isPositive();
            if (bill < cost) {
                discounted++;
                assertThat(bill).isCloseTo(cost * 0.9, within(1e-12));
            } else {
                assertThat(bill).isEqualTo(cost);
            }
            list += cost;
            billed += bill;
        }
        assertThat(discounted).isEqualTo(2);

        JsonNode total = admin.get("/tenants/" + tenant + "/usage").json().path("total");
        assertThat(total.path("cost_usd").asDouble()).isCloseTo(list, within(0.005));
        assertThat(total.path("billed_cost_usd").asDouble())
                .isCloseTo(billed, within(0.005))
                .isLessThan(total.path("cost_usd").asDouble());
        String[] csv =
                admin.get("/tenants/" + tenant + "/usage?format=csv").body().split("\r\n");
        assertThat(csv[0]).contains(",cost_usd,billed_cost_usd,");
        assertThat(Double.parseDouble(csv[1].split(",")[6])).isCloseTo(billed, within(0.005));
    }

    @Test
    void aTenantsOwnTiers_winOverTheConfiguredDefault_andNullGoesBackToIt() {
        Answer created = admin.post(
                "/tenants",
                "{\"name\":\"volume-own\",\"plan\":\"enterprise\",\"volume_discounts\":[{\"from_tokens\":0,\"percent\":25}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("volume_discounts").toString())
                .isEqualTo("[{\"from_tokens\":0,\"percent\":25.0}]");
        String tenant = created.text("id");
        String secret =
                admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"k\"}").text("secret");

        HttpResponse<String> r = chat(secret);

        assertThat(header(r, "x-meridian-billed-cost-usd"))
                .isCloseTo(header(r, "x-meridian-cost-usd") * 0.75, within(1e-9));
        JsonNode record = records(tenant, 1).get(0);
        assertThat(record.path("billed_cost_usd").asDouble())
                .isCloseTo(record.path("cost_usd").asDouble() * 0.75, within(1e-12));

        Answer cleared = admin.patch("/tenants/" + tenant, "{\"volume_discounts\":null}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("volume_discounts").isNull()).isTrue();
        assertThat(admin.get("/tenants/" + tenant + "/audit").body()).contains("tenant.update");
    }

    @Test
    void badTiers_are400NamingTheValue_andNothingIsWritten() {
        String tenant = admin.post("/tenants", "{\"name\":\"volume-bad\"}").text("id");
        String[][] cases = {
            {"{\"volume_discounts\":[{\"from_tokens\":0,\"percent\":100}]}", "volume_discounts[0].percent"},
            {"{\"volume_discounts\":[{\"from_tokens\":0,\"percent\":-1}]}", "volume_discounts[0].percent"},
            {
                "{\"volume_discounts\":[{\"from_tokens\":10,\"percent\":5},{\"from_tokens\":10,\"percent\":9}]}",
                "volume_discounts[1].from_tokens"
            },
            {"{\"volume_discounts\":[{\"from_tokens\":-5,\"percent\":5}]}", "volume_discounts[0].from_tokens"},
            {"{\"volume_discounts\":[{\"from_tokens\":1.5,\"percent\":5}]}", "volume_discounts[0].from_tokens"},
            {"{\"volume_discounts\":[{\"from_tokens\":0,\"percent\":\"5\"}]}", "volume_discounts[0].percent"},
            {"{\"volume_discounts\":[{\"from_tokens\":0,\"rate\":0.05}]}", "volume_discounts[0].rate"},
            {"{\"volume_discounts\":\"lots\"}", "volume_discounts"},
            {
                "{\"store_bodies\":true,\"volume_discounts\":[{\"from_tokens\":0,\"percent\":100}]}",
                "volume_discounts[0].percent"
            },
        };
        for (String[] c : cases) {
            Answer a = admin.patch("/tenants/" + tenant, c[0]);
            assertThat(a.status()).as(c[0] + " -> " + a).isEqualTo(400);
            assertThat(a.errorParam()).as(c[0]).isEqualTo(c[1]);
        }
        JsonNode after = admin.get("/tenants/" + tenant).json();
        assertThat(after.path("volume_discounts").isNull()).isTrue();
        assertThat(after.path("store_bodies").asBoolean())
                .as("no half-written change")
                .isFalse();

        Answer refused = admin.post(
                "/tenants", "{\"name\":\"volume-never\",\"volume_discounts\":[{\"from_tokens\":0,\"percent\":150}]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorParam()).isEqualTo("volume_discounts[0].percent");
        assertThat(admin.get("/tenants?limit=500").body()).doesNotContain("volume-never");
    }
}
