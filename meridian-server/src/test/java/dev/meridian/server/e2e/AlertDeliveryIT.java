package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.meridian.core.json.Json;
import dev.meridian.server.alerts.Alert;
import dev.meridian.server.alerts.Alerts;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts delivered for real: a local webhook receiver checks the signature with its own HMAC, a Slack-shaped receiver
 * gets {@code {"text": ...}}, GreenMail receives the e-mail, a receiver failing twice gets the alert after two
 * retries, and a dedupe key queued twice is delivered once. Every channel but {@code acme} takes only tenant
 * {@code ten_other}'s alerts, so test alerts (which ignore tenants) and budget alerts for {@code ten_acme} meet only
 * where a test means them to.
 */
class AlertDeliveryIT {

    private static AlertReceiver receiver;
    private static GreenMail mail;
    private static GatewayFixture gateway;
    private static AdminClient admin;

    @BeforeAll
    static void start() {
        receiver = AlertReceiver.start();
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        mail.setUser("alerts@meridian.test", "alerts", KnownSecrets.SMTP_PASSWORD);
        gateway = GatewayFixture.startWithAlerts("""
                alerts:
                  smtp:
                    host: %s
                    port: %d
                    username: alerts
                    password: %s
                    from: "Meridian <alerts@meridian.test>"
                    starttls: none
                  channels:
                    hook: {type: webhook, url: "%s", secret: %s, tenants: [ten_other]}
                    flaky: {type: webhook, url: "%s", secret: %s, tenants: [ten_other]}
                    slack: {type: slack, url: "%s", tenants: [ten_other]}
                    mail: {type: email, to: [finance@meridian.test, ops@meridian.test], tenants: [ten_other]}
                    acme: {type: webhook, url: "%s", secret: %s, tenants: [ten_acme]}
                """.formatted(
                        mail.getSmtp().getBindTo(),
                        mail.getSmtp().getPort(),
                        KnownSecrets.SMTP_PASSWORD,
                        receiver.url("/hook"),
                        KnownSecrets.WEBHOOK_SECRET,
                        receiver.url("/flaky"),
                        KnownSecrets.WEBHOOK_SECRET,
                        receiver.url("/slack/T000/B000/slack-token"),
                        receiver.url("/acme"),
                        KnownSecrets.WEBHOOK_SECRET));
        admin = new AdminClient(gateway, GatewayFixture.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        mail.stop();
        receiver.close();
    }

    private static String testAlert(String channel) {
        AdminClient.Answer a = admin.post("/alerts/test", "{\"channel\":\"" + channel + "\"}");
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        assertThat(a.json().path("channels")).hasSize(1);
        return a.json().path("ids").get(0).asText();
    }

    private static List<AlertReceiver.Received> carrying(String path, String id) {
        return receiver.on(path).stream()
                .filter(r -> id.equals(r.headers().get("x-meridian-alert-id")))
                .toList();
    }

    @Test
    void webhook_isSignedOverTheRawBody_andCarriesTheAlert() throws Exception {
        String id = testAlert("hook");

        Poll.until(() -> !carrying("/hook", id).isEmpty(), "the webhook receiver gets " + id);
        AlertReceiver.Received r = carrying("/hook", id).get(0);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        Map<String, String> sig = Arrays.stream(
                        r.headers().get("x-meridian-signature").split(","))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
        long t = Long.parseLong(sig.get("t"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KnownSecrets.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((t + "." + r.text()).getBytes(StandardCharsets.UTF_8));
        assertThat(MessageDigest.isEqual(expected, HexFormat.of().parseHex(sig.get("v1"))))
                .as("the signature verifies")
                .isTrue();

        JsonNode body = Json.parseTrusted(r.text());
        assertThat(body.path("id").asText()).isEqualTo(id);
        assertThat(body.path("channel").asText()).isEqualTo("hook");
        assertThat(body.path("kind").asText()).isEqualTo("test");
        assertThat(body.path("subject").asText()).isEqualTo("Meridian test alert");
        assertThat(body.path("text").asText()).contains("test alert");
        assertThat(body.path("tenant_id").isNull()).isTrue();
        assertThat(body.path("created_at").asText()).isNotEmpty();

        Poll.until(() -> delivered().contains(id), "the outbox shows " + id + " delivered");
    }

    @Test
    void slack_getsOnlyATextField() {
        String id = testAlert("slack");

        Poll.until(() -> !receiver.on("/slack/T000/B000/slack-token").isEmpty(), "the Slack receiver gets an alert");
        JsonNode body = Json.parseTrusted(
                receiver.on("/slack/T000/B000/slack-token").get(0).text());
        assertThat(body.properties()).hasSize(1);
        assertThat(body.path("text").asText())
                .startsWith("*Meridian test alert*\n")
                .contains("test alert");
        Poll.until(() -> delivered().contains(id), "the outbox shows " + id + " delivered");
    }

    @Test
    void email_reachesEveryRecipientWithSubjectAndBody() throws Exception {
        String id = testAlert("mail");

        Poll.until(() -> mailsCarrying(id).size() >= 2, "GreenMail receives the alert for both recipients");
        List<String> to = new ArrayList<>();
        for (MimeMessage m : mailsCarrying(id)) {
            assertThat(m.getSubject()).isEqualTo("Meridian test alert");
            assertThat(m.getFrom()[0].toString()).contains("alerts@meridian.test");
            assertThat(m.getContent().toString()).contains("test alert");
            Arrays.stream(m.getAllRecipients()).forEach(a -> to.add(a.toString()));
        }
        assertThat(to).contains("finance@meridian.test", "ops@meridian.test");
        Poll.until(() -> delivered().contains(id), "the outbox shows " + id + " delivered");
    }

    @Test
    void failingReceiver_getsTheAlertAfterTwoRetries_andTheFailuresAreCounted() {
        receiver.answering("/flaky", 500, 500);
        String id = testAlert("flaky");

        Poll.until(() -> delivered().contains(id), Duration.ofSeconds(30), "the outbox shows " + id + " delivered");
        List<AlertReceiver.Received> seen = carrying("/flaky", id);
        assertThat(seen).extracting(AlertReceiver.Received::status).containsExactly(500, 500, 200);
        assertThat(seen)
                .extracting(AlertReceiver.Received::text)
                .allMatch(b -> b.equals(seen.get(0).text()));
        JsonNode row = row(id);
        assertThat(row.path("attempts").asInt()).isEqualTo(2);
        assertThat(row.path("status").asText()).isEqualTo("delivered");
        assertThat(row.path("last_error").asText()).isEqualTo("the receiver answered HTTP 500");
        // Only this test makes the receiver fail; other tests' alerts to every channel may add deliveries.
        String metrics = gateway.get("/metrics").body();
        assertThat(metrics)
                .contains("meridian_alerts_failed_total{channel=\"flaky\"} 2.0")
                .containsPattern("meridian_alerts_sent_total\\{channel=\"flaky\"} [1-9]")
                .contains("meridian_alerts_pending");
    }

    @Test
    void budgetAlert_sameDedupeKeyTwice_isDeliveredOnce_andOnlyToItsTenantsChannels() throws Exception {
        Alerts alerts = gateway.server().runtime().alerts();
        Instant period = Instant.parse("2026-12-01T00:00:00Z");
        Alert at80 = Alert.budgetThreshold(
                "ten_acme", "bud_1", "tenant", "ten_acme", period, 0.8, new BigDecimal("40.00"), new BigDecimal("50"));
        String key = Alert.budgetDedupeKey("bud_1", period, 0.8);
        assertThat(key).isEqualTo("budget:bud_1:2026-12-01T00:00:00Z:0.8");

        List<String> first = alerts.enqueue(at80, key).await();
        List<String> again = alerts.enqueue(at80, key).await();
        Alert at95 = Alert.budgetThreshold(
                "ten_acme", "bud_1", "tenant", "ten_acme", period, 0.95, new BigDecimal("47.50"), new BigDecimal("50"));
        List<String> next = alerts.enqueue(at95, Alert.budgetDedupeKey("bud_1", period, 0.95))
                .await();

        assertThat(first).hasSize(1);
        assertThat(again).isEmpty();
        assertThat(next).hasSize(1);
        // The 95 % alert is queued after the second 80 % one, so once it has arrived a duplicate would have too.
        Poll.until(() -> delivered().containsAll(List.of(first.get(0), next.get(0))), "both thresholds are delivered");
        List<JsonNode> bodies = receiver.on("/acme").stream()
                .map(r -> Json.parseTrusted(r.text()))
                .filter(b -> b.path("kind").asText().equals("budget_threshold"))
                .toList();
        assertThat(bodies)
                .extracting(b -> b.path("fields").path("fraction").asDouble())
                .containsExactly(0.8, 0.95);
        assertThat(bodies.get(0).path("kind").asText()).isEqualTo("budget_threshold");
        assertThat(bodies.get(0).path("tenant_id").asText()).isEqualTo("ten_acme");
        assertThat(bodies.get(0).path("fields").path("spent_usd").decimalValue())
                .isEqualByComparingTo("40");
        assertThat(receiver.received())
                .noneMatch(r -> !r.path().equals("/acme") && r.text().contains("bud_1"));
    }

    @Test
    void listing_showsNoSecretOrUrl_andRejectsBadInput() {
        testAlert("hook");
        AdminClient.Answer all = admin.get("/alerts?limit=1000");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body())
                .doesNotContain(KnownSecrets.WEBHOOK_SECRET)
                .doesNotContain("slack-token")
                .doesNotContain("127.0.0.1");

        assertThat(admin.get("/alerts?status=lost").errorParam()).isEqualTo("status");
        assertThat(admin.get("/alerts?cursor=bogus").errorParam()).isEqualTo("cursor");
        AdminClient.Answer unknown = admin.post("/alerts/test", "{\"channel\":\"pager\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorParam()).isEqualTo("channel");
        assertThat(admin.post("/alerts/test", "{\"chanel\":\"hook\"}").status()).isEqualTo(400);
        AdminClient.Answer every = admin.post("/alerts/test", "");
        assertThat(every.status()).as(every.toString()).isEqualTo(202);
        assertThat(every.json().path("ids")).hasSize(5);
        List<String> ids = new ArrayList<>();
        every.json().path("ids").forEach(i -> ids.add(i.asText()));
        // Nothing of this test is left in flight to meet another test's receiver.
        Poll.until(() -> delivered().containsAll(ids), "the test alert reaches every channel");
        JsonNode newest = admin.get("/audit?limit=1").json().path("data").get(0);
        assertThat(newest.path("action").asText())
                .as("the accepted test is audited")
                .isEqualTo("alert.test");
        List<String> audited = new ArrayList<>();
        newest.path("after").path("ids").forEach(i -> audited.add(i.asText()));
        assertThat(audited).isEqualTo(ids);
    }

    private static List<MimeMessage> mailsCarrying(String id) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                if (m.getContent().toString().contains(id)) {
                    found.add(m);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return found;
    }

    private static List<String> delivered() {
        AdminClient.Answer a = admin.get("/alerts?status=delivered&limit=1000");
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        a.json().path("data").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private static JsonNode row(String id) {
        for (JsonNode r : admin.get("/alerts?limit=1000").json().path("data")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no outbox row " + id);
    }
}
