package dev.meridian.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.server.alerts.AlertBackoff;
import dev.meridian.store.model.ChainedAuditEntry;
import dev.meridian.testkit.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SIEM webhook against a local Vert.x receiver: batches, a retry after a failure, and a checkable signature. */
class AuditWebhookSinkTest {

    private static final String SECRET = "whsec_test_audit";

    private record Received(MultiMap headers, byte[] body) {}

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer server;
    private AuditWebhookSink sink;

    @BeforeEach
    void receiver() {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    Integer status;
                    synchronized (statuses) {
                        status = statuses.poll();
                    }
                    received.add(new Received(
                            MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.getBytes()));
                    request.response()
                            .setStatusCode(status == null ? 200 : status)
                            .end();
                }))
                .listen(0, "127.0.0.1")
                .await();
    }

    @AfterEach
    void close() {
        if (sink != null) {
            sink.close();
        }
        vertx.close().await();
    }

    private AuditWebhookSink start(int batchSize, Duration flush) {
        sink = new AuditWebhookSink(
                "http://127.0.0.1:" + server.actualPort() + "/siem",
                SECRET,
                batchSize,
                flush.toMillis(),
                1000,
                registry,
                Clock.systemUTC(),
                new AlertBackoff(() -> 0.0)); // the first retry 800 ms after a failure
        sink.start(vertx, vertx.createHttpClient());
        return sink;
    }

    private static List<ChainedAuditEntry> entries(int from, int to) {
        List<ChainedAuditEntry> list = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            list.add(AuditFileSinkTest.entry(i));
        }
        return list;
    }

    private static List<Long> seqs(Received r) throws Exception {
        List<Long> seqs = new ArrayList<>();
        new ObjectMapper()
                .readTree(r.body())
                .path("entries")
                .forEach(e -> seqs.add(e.path("seq").asLong()));
        return seqs;
    }

    @Test
    void sendsFullBatchesAtOnce_andTheRestAtTheFlushInterval() throws Exception {
        start(3, Duration.ofSeconds(2));
        sink.accept(entries(1, 7));

        Poll.until(() -> received.size() == 2, "two full batches");
        assertThat(seqs(received.get(0))).containsExactly(1L, 2L, 3L);
        assertThat(seqs(received.get(1))).containsExactly(4L, 5L, 6L);
        // The receiver has the second batch before the sink has its answer: wait for that.
        Poll.until(() -> sink.pending() == 1, "the full batches delivered, one entry waiting");

        Poll.until(() -> received.size() == 3, Duration.ofSeconds(5), "the partial batch at the flush interval");
        assertThat(seqs(received.get(2))).containsExactly(7L);
        Poll.until(() -> sink.pending() == 0, "all delivered");
        assertThat(registry.counter("meridian_audit_sink_sent", "sink", "webhook")
                        .count())
                .isEqualTo(7);
    }

    @Test
    void aFailedBatchIsCountedAndSentAgain() throws Exception {
        synchronized (statuses) {
            statuses.add(503);
        }
        start(10, Duration.ofMillis(50));
        sink.accept(entries(1, 2));

        Poll.until(() -> received.size() == 2, Duration.ofSeconds(5), "the failed batch and its retry");
        assertThat(seqs(received.get(1))).isEqualTo(seqs(received.get(0))).containsExactly(1L, 2L);
        assertThat(registry.counter("meridian_audit_sink_failures", "sink", "webhook")
                        .count())
                .isEqualTo(1);
        Poll.until(() -> sink.pending() == 0, "delivered");
    }

    @Test
    void aReceiverVerifiesTheSignatureOverTheRawBody() throws Exception {
        start(1, Duration.ofMillis(50));
        sink.accept(entries(1, 1));
        Poll.until(() -> received.size() == 1, "one batch");

        Received r = received.get(0);
        String header = r.headers().get("x-meridian-signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        assertThat(v1).isEqualTo(hmac(SECRET, t + "." + new String(r.body(), StandardCharsets.UTF_8)));
        assertThat(Math.abs(Long.parseLong(t) - System.currentTimeMillis() / 1000))
                .isLessThan(60);
        assertThat(v1).isNotEqualTo(hmac("another secret", t + "." + new String(r.body(), StandardCharsets.UTF_8)));

        JsonNode entry = new ObjectMapper().readTree(r.body()).path("entries").get(0);
        assertThat(entry.path("hash").asText())
                .isEqualTo(AuditFileSinkTest.entry(1).hash());
        assertThat(entry.path("action").asText()).isEqualTo("key.rotate");
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
