package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rotation of the master key under load (issue 14, item 3): a gateway on key A stores bodies, a stored response and a
 * provider credential; restarted with key B current and A previous, it moves every value to B in the background
 * while requests keep coming (and keep storing bodies), none of which fails; a later start with only B reads it all.
 */
class SecretsRotationIT {
    private static final Map<String, String> A = Map.of(KeyRing.CURRENT_ENV, KnownSecrets.MASTER_KEY);
    private static final Map<String, String> B_THEN_A =
            Map.of(KeyRing.CURRENT_ENV, KnownSecrets.NEXT_MASTER_KEY, KeyRing.PREVIOUS_ENV, KnownSecrets.MASTER_KEY);
    private static final Map<String, String> B = Map.of(KeyRing.CURRENT_ENV, KnownSecrets.NEXT_MASTER_KEY);
    /** Rows written straight into the store under A, so that the re-encryption has enough to do to overlap the load. */
    private static final int SEEDED = 4_000;

    private static HttpResponse<String> call(GatewayFixture g, String key, String path, String body) {
        return g.send(HttpRequest.newBuilder(URI.create(g.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static String chat(String marker) {
        return "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"" + marker + "\"}]}";
    }

    private static RequestRecord seeded(int i, String tenant) {
        return new RequestRecord(
                "seed-" + i,
                Instant.parse("2026-03-01T10:00:00Z").plusMillis(i),
                tenant,
                null,
                null,
                "gpt",
                "gpt-4o-mini",
                "dep",
                "sim-openai",
                null,
                200,
                null,
                5.0,
                4.0,
                null,
                10,
                10,
                0,
                0,
                0.0,
                false,
                1,
                0,
                "{\"seeded-prompt-marker\":" + i + "}",
                "{\"seeded-completion-marker\":" + i + "}",
                false);
    }

    @Test
    void rotationUnderLoad_movesEveryValueToTheNewKey_withoutAFailedRequest_andThenTheOldKeyIsNotNeeded()
            throws Exception {
        GatewayFixture g = GatewayFixture.startWithEnv(A);
        try {
            AdminClient admin = new AdminClient(g, GatewayFixture.ADMIN_KEY);
            Poll.until(
                    () -> admin.post("/tenants", "{\"name\":\"rotated\",\"plan\":\"enterprise\",\"store_bodies\":true}")
                                    .status()
                            == 201,
                    "the database is open");
            String tenant =
                    admin.get("/tenants").json().path("data").get(0).path("id").asText();
            String key = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}")
                    .text("secret");
            List<String> underA = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = call(g, key, "/v1/chat/completions", chat("rotation-marker-a" + i));
                assertThat(r.statusCode()).isEqualTo(200);
                underA.add(r.headers().firstValue("x-request-id").orElseThrow());
            }
            HttpResponse<String> stored =
                    call(g, key, "/v1/responses", "{\"model\":\"gpt\",\"input\":\"rotation-response-marker\"}");
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            String responseId = Json.parseTrusted(stored.body()).path("id").asText();
            assertThat(admin.call(
                                    "PUT",
                                    "/providers/sim-openai/credential",
                                    "{\"api_key\":\"" + KnownSecrets.STORED_PROVIDER_KEY + "\"}")
                            .status())
                    .isEqualTo(200);
            String base = "/tenants/" + tenant + "/requests/";
            Poll.until(() -> admin.get(base + underA.get(9)).status() == 200, "the bodies are stored");
            Path file = g.home().resolve(Database.SQLITE_FILE);
            KeyRing ringA = KeyRing.fromEnvironment(A::get);
            try (Database direct =
                    Database.open(new DatabaseConfig("jdbc:sqlite:" + file, null, null, 2), Clock.systemUTC(), ringA)) {
                List<RequestRecord> seed = new ArrayList<>();
                for (int i = 0; i < SEEDED; i++) {
                    seed.add(seeded(i, tenant));
                }
                direct.requestLog().insertBatch(seed);
            }
            String keyA = ringA.currentId();
            String keyB = KeyRing.fromEnvironment(B::get).currentId();

            g = g.restartedWith(B_THEN_A);
            GatewayFixture rotated = g;
            AdminClient rotatedAdmin = new AdminClient(rotated, GatewayFixture.ADMIN_KEY);
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger served = new AtomicInteger();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        HttpResponse<String> r = call(
                                rotated, key, "/v1/chat/completions", chat("rotation-marker-b" + thread + "-" + i));
                        if (r.statusCode() == 200) {
                            served.incrementAndGet();
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    }
                });
                worker.start();
                load.add(worker);
            }
            try {
                Poll.until(
                        () -> {
                            AdminClient.Answer s = rotatedAdmin.get("/security/encryption");
                            return s.status() == 200
                                    && s.json().path("pending_reencryption").asLong(-1) == 0
                                    && s.json()
                                            .path("key_ids_in_use")
                                            .toString()
                                            .equals("[\"" + keyB + "\"]");
                        },
                        Duration.ofSeconds(90),
                        "every value is under the new key");
                int servedAtTheEnd = served.get();
                Poll.until(() -> served.get() > servedAtTheEnd + 20, "requests go on after the re-encryption");
            } finally {
                stop.set(true);
                for (Thread t : load) {
                    t.join();
                }
            }

            assertThat(failures).as("no request failed during the rotation").isEmpty();
            assertThat(served.get()).isGreaterThan(20);
            JsonNode status = rotatedAdmin.get("/security/encryption").json();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            status.path("columns").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> column = it.next();
                assertThat(column.getValue().path("clear").asLong())
                        .as(column.getKey())
                        .isZero();
                assertThat(column.getValue().path("by_key_id").has(keyA))
                        .as(column.getKey())
                        .isFalse();
            }
            assertThat(status.path("columns")
                            .path("request_body.prompt")
                            .path("by_key_id")
                            .path(keyB)
                            .asLong())
                    .isGreaterThan(SEEDED + 10);
            assertThat(rotated.server()
                            .runtime()
                            .metrics()
                            .registry()
                            .get("meridian_secrets_reencrypted")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(2 * SEEDED + 20);

            g = g.restartedWith(B);
            AdminClient onlyB = new AdminClient(g, GatewayFixture.ADMIN_KEY);
            Poll.until(() -> onlyB.get(base + underA.get(0)).status() == 200, "the database opens with B alone");
            assertThat(onlyB.get(base + underA.get(0)).json().path("prompt").asText())
                    .contains("rotation-marker-a0");
            assertThat(onlyB.get(base + "seed-7").json().path("completion").asText())
                    .contains("seeded-completion-marker");
            HttpResponse<String> continued = call(
                    g,
                    key,
                    "/v1/responses",
                    "{\"model\":\"gpt\",\"previous_response_id\":\"" + responseId + "\",\"input\":\"and then?\"}");
            assertThat(continued.statusCode()).as(continued.body()).isEqualTo(200);
            g.simulator().clearReceived();
            assertThat(call(g, key, "/v1/chat/completions", chat("rotation-marker-final"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(g.simulator().received().get(0).header("authorization"))
                    .hasValue("Bearer " + KnownSecrets.STORED_PROVIDER_KEY);
            assertThat(g.server().fatal().isComplete()).isFalse();
            try (var journal = Files.walk(g.home().resolve("journal"))) {
                for (Path segment : journal.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(readIfStillThere(segment), java.nio.charset.StandardCharsets.ISO_8859_1))
                            .as("journal segment " + segment.getFileName())
                            .doesNotContain("rotation-marker");
                }
            }
            byte[] db = Files.readAllBytes(file);
            assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("rotation-marker")
                    .doesNotContain("seeded-prompt-marker")
                    .doesNotContain("rotation-response-marker");
        } finally {
            g.close();
        }
    }

    /** A journal segment's bytes; none when the writer deleted it (stored) between the listing and the read. */
    private static byte[] readIfStillThere(Path segment) throws java.io.IOException {
        try {
            return Files.readAllBytes(segment);
        } catch (java.nio.file.NoSuchFileException e) {
            return new byte[0];
        }
    }
}
