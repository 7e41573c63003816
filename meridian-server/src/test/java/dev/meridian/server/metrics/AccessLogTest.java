package dev.meridian.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.meridian.server.logging.AsyncLineAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccessLogTest {

    @Test
    void droppedCounter_countsLinesTheAccessAppenderDropped() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new AccessLog(true, registry);
        Logger access = (Logger) LoggerFactory.getLogger("meridian.access");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AsyncLineAppender stuck = new AsyncLineAppender(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        stuck.setContext(access.getLoggerContext());
        stuck.setName("stuck");
        stuck.setQueueSize(1);
        stuck.start();
        access.addAppender(stuck);
        try {
            access.info("{}", "first");
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 6; i++) {
                access.info("{}", "line " + i);
            }

            assertThat(stuck.dropped()).isEqualTo(5);
            assertThat(registry.get("meridian_access_log_dropped")
                            .functionCounter()
                            .count())
                    .isEqualTo(5.0);
        } finally {
            access.detachAppender(stuck);
            release.countDown();
            stuck.stop();
        }
    }

    @Test
    void aLine_isWrittenAsUtf8Json_withoutALineEnd_andReadsTheSameAsItsString() throws Exception {
        AccessLogLine line =
                AccessLogLine.admin("req_1", "GET", "/admin/v1/tenants", 200, 1_234_567, "10.0.0.7", "curl/8 — ünï");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        line.writeLine(out);

        String written = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(line.toString()).doesNotEndWith("\n");
        com.fasterxml.jackson.databind.JsonNode json = dev.meridian.core.json.Json.parseTrusted(written);
        assertThat(json.get("request_id").asText()).isEqualTo("req_1");
        assertThat(json.get("operation").asText()).isEqualTo("admin");
        assertThat(json.get("duration_ms").asDouble()).isEqualTo(1.23);
        assertThat(json.get("user_agent").asText()).isEqualTo("curl/8 — ünï");
    }

    @Test
    void aLineEncodedOnTheEventLoop_writesTheSameBytesAsTheLine_andReadsTheSameAsItsString() throws Exception {
        AccessLogLine line =
                AccessLogLine.admin("req_2", "POST", "/admin/v1/keys", 201, 2_500_000, "10.0.0.8", "sdk/1 — ünï");
        java.io.ByteArrayOutputStream direct = new java.io.ByteArrayOutputStream();
        line.writeLine(direct);

        dev.meridian.server.logging.EncodedLine encoded = line.encoded();
        java.io.ByteArrayOutputStream copied = new java.io.ByteArrayOutputStream();
        encoded.writeLine(copied);

        assertThat(copied.toByteArray()).isEqualTo(direct.toByteArray());
        assertThat(encoded.toString()).isEqualTo(line.toString()).contains("\"status\":201");
    }
}
