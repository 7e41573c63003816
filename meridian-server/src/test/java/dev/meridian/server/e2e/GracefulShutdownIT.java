package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shutdown turns readiness off at once and lets a stream that is in flight finish, for HTTP/1.1 callers and
 * for HTTP/2 callers (who receive GOAWAY and keep their open stream); meanwhile the listener stays open and
 * {@code /health/ready} answers 503.
 */
class GracefulShutdownIT {

    @ParameterizedTest
    @EnumSource(
            value = HttpVersion.class,
            names = {"HTTP_1_1", "HTTP_2"})
    void shutdown_letsAnInFlightStreamFinish_whileReadyAnswers503(HttpVersion version) throws Exception {
        GatewayFixture gateway = GatewayFixture.start();
        Vertx vertx = Vertx.vertx();
        HttpClient probe = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpClientAgent client = vertx.createHttpClient(
                    new HttpClientOptions().setProtocolVersion(version).setHttp2ClearTextUpgrade(false));
            StringBuilder body = new StringBuilder();
            CountDownLatch firstEvent = new CountDownLatch(1);
            CompletableFuture<Integer> status = new CompletableFuture<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();
            client.request(new RequestOptions()
                            .setMethod(HttpMethod.POST)
                            .setHost("127.0.0.1")
                            .setPort(gateway.server().port())
                            .setURI("/v1/chat/completions")
                            .putHeader("authorization", "Bearer " + GatewayFixture.KEY)
                            .putHeader("content-type", "application/json"))
                    .compose(req -> req.send("{\"model\":\"claude\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"a slow one [sim tokens=40 chunk_delay_ms=50]\"}]}"))
                    .onSuccess(resp -> {
                        status.complete(resp.statusCode());
                        resp.handler(chunk -> {
                            synchronized (body) {
                                body.append(chunk.toString());
                            }
                            firstEvent.countDown();
                        });
                        resp.exceptionHandler(ended::completeExceptionally);
                        resp.endHandler(v -> ended.complete(null));
                    })
                    .onFailure(status::completeExceptionally);
            assertThat(firstEvent.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing =
                    CompletableFuture.runAsync(() -> gateway.server().close());
            Poll.until(() -> !gateway.server().runtime().ready(), Duration.ofSeconds(5), "readiness turns off");
            // While the stream drains, a probe on a new connection is answered 503, not refused.
            HttpResponse<String> ready = probe.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + gateway.server().port() + "/health/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ended).as("the stream is still in flight").isNotDone();
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("NOT_READY");
            ended.get(20, TimeUnit.SECONDS);
            closing.get(20, TimeUnit.SECONDS);

            assertThat(status.get()).isEqualTo(200);
            assertThat(body.toString()).endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
            gateway.simulator().close();
        }
    }
}
