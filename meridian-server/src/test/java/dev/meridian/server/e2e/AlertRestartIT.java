package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An alert queued while its receiver is down survives a restart of the gateway and is delivered afterwards. */
class AlertRestartIT {

    @Test
    void alertQueuedWhileTheReceiverIsDown_isDeliveredAfterARestart() {
        try (AlertReceiver receiver = AlertReceiver.down()) {
            GatewayFixture first =
                    GatewayFixture.startWithAlerts("""
                    alerts:
                      channels:
                        later: {type: webhook, url: "%s", secret: %s}
                    """.formatted(receiver.url("/later"), KnownSecrets.WEBHOOK_SECRET));
            GatewayFixture restarted = null;
            try {
                AdminClient admin = new AdminClient(first, GatewayFixture.ADMIN_KEY);
                AdminClient.Answer queued = admin.post("/alerts/test", "");
                assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
                String id = queued.json().path("ids").get(0).asText();
                Poll.until(() -> status(admin, id).equals("failing"), "the first attempt fails");
                assertThat(row(admin, id).path("last_error").asText()).startsWith("cannot connect");

                restarted = first.restarted();
                receiver.listen();

                AdminClient after = new AdminClient(restarted, GatewayFixture.ADMIN_KEY);
                Poll.until(
                        () -> status(after, id).equals("delivered"),
                        Duration.ofSeconds(30),
                        "the alert is delivered after the restart");
                assertThat(receiver.on("/later"))
                        .extracting(r -> r.headers().get("x-meridian-alert-id"))
                        .containsExactly(id);
            } finally {
                (restarted != null ? restarted : first).close();
            }
        }
    }

    private static String status(AdminClient admin, String id) {
        return row(admin, id).path("status").asText();
    }

    private static JsonNode row(AdminClient admin, String id) {
        for (JsonNode r : admin.get("/alerts").json().path("data")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no outbox row " + id);
    }
}
