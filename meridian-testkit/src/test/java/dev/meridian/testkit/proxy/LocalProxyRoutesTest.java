package dev.meridian.testkit.proxy;

import static dev.meridian.testkit.proxy.Proxied.await;
import static dev.meridian.testkit.proxy.Proxied.awaitAllClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One specification, run on every route a Vert.x client can take through the proxy. */
class LocalProxyRoutesTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret";
    private static final int MEGABYTE = 1 << 20;

    @RegisterExtension
    static final ProxyFixture env = ProxyFixture.requiring(USER, PASSWORD);

    private static Vertx vertx;

    private HttpClientAgent client;

    @BeforeAll
    static void startClients() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopClients() {
        await(vertx.close());
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            await(client.close());
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void request_reachesTargetAndIsRecordedWithUser(Route route) {
        client = route.client(vertx, env.proxy(), USER, PASSWORD);

        Proxied.Reply reply = Proxied.get(client, route.targetPort(env.targets()), "127.0.0.1", "/hello");
        await(client.close());

        assertThat(reply.status()).isEqualTo(200);
        // Origin-form, and the proxy's credentials never reach the target.
        assertThat(reply.body()).contains("uri=/hello ", "proxy-authorization=absent", "version=" + route.version);
        assertThat(awaitAllClosed(env.proxy())).singleElement().satisfies(connection -> {
            assertThat(connection.protocol()).isEqualTo(route.recorded);
            assertThat(connection.target()).isEqualTo("127.0.0.1:" + route.targetPort(env.targets()));
            assertThat(connection.user()).isEqualTo(USER);
            assertThat(connection.bytesUp()).isPositive();
            assertThat(connection.bytesDown()).isGreaterThan(reply.body().length());
        });
        assertThat(env.proxy().authFailures()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void streamedResponse_arrivesEventByEventAndIntact(Route route) {
        client = route.client(vertx, env.proxy(), USER, PASSWORD);
        // The target sends the rest only after the client has seen the first event: a proxy that
        // buffered the response would stall here.
        env.targets().armSseGate();
        Buffer received = Buffer.buffer();
        AtomicInteger chunks = new AtomicInteger();

        int status = Proxied.stream(client, route.targetPort(env.targets()), "127.0.0.1", "/sse?events=200", chunk -> {
            received.appendBuffer(chunk);
            chunks.incrementAndGet();
            env.targets().releaseSse();
        });
        await(client.close());

        assertThat(status).isEqualTo(200);
        assertThat(received.toString()).isEqualTo(TargetServers.sseBody(200));
        assertThat(chunks).hasValueGreaterThan(1);
        assertThat(awaitAllClosed(env.proxy()))
                .singleElement()
                .satisfies(c -> assertThat(c.bytesDown()).isGreaterThan(received.length()));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void requestBody_oneMegabyteWithContentLength_passesIntact(Route route) {
        client = route.client(vertx, env.proxy(), USER, PASSWORD);
        byte[] body = randomBytes(MEGABYTE);

        Proxied.Reply reply = await(Proxied.exchange(
                client,
                HttpMethod.POST,
                route.targetPort(env.targets()),
                "127.0.0.1",
                "/digest",
                request -> request.send(Buffer.buffer(body))));
        await(client.close());

        assertThat(reply.body()).isEqualTo(digestOf(body));
        assertThat(awaitAllClosed(env.proxy()))
                .singleElement()
                .satisfies(c -> assertThat(c.bytesUp()).isGreaterThan(MEGABYTE));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void requestBody_oneMegabyteChunked_passesIntact(Route route) {
        client = route.client(vertx, env.proxy(), USER, PASSWORD);
        byte[] body = randomBytes(MEGABYTE);
        int piece = 64 * 1024;

        Proxied.Reply reply = await(Proxied.exchange(
                client, HttpMethod.POST, route.targetPort(env.targets()), "127.0.0.1", "/digest", request -> {
                    request.setChunked(true);
                    for (int i = 0; i < body.length; i += piece) {
                        request.write(Buffer.buffer(body).slice(i, i + piece));
                    }
                    return request.end().compose(v -> request.response());
                }));

        assertThat(reply.body()).isEqualTo(digestOf(body));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void request_wrongPassword_isRefusedAndRecorded(Route route) {
        client = route.client(vertx, env.proxy(), USER, "wrong");

        Proxied.Reply reply = await(Proxied.exchange(
                        client, HttpMethod.GET, route.targetPort(env.targets()), "127.0.0.1", "/hello", r -> r.send())
                .otherwise(failure -> new Proxied.Reply(0, String.valueOf(failure))));

        // A forwarded request gets the 407 as its response; a tunnel fails while connecting.
        assertThat(reply.status()).isEqualTo(route.recorded == ProxyProtocol.HTTP_FORWARD ? 407 : 0);
        assertThat(env.proxy().connections()).isEmpty();
        assertThat(env.proxy().authFailures())
                .containsExactly(new AuthFailure(route.recorded, USER, AuthFailure.Reason.WRONG));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void request_proxyWithoutCredentials_recordsNoUser(Route route) {
        try (LocalProxy open = LocalProxy.start()) {
            client = route.client(vertx, open, null, null);

            Proxied.Reply reply = Proxied.get(client, route.targetPort(env.targets()), "127.0.0.1", "/hello");
            await(client.close());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(awaitAllClosed(open))
                    .singleElement()
                    .satisfies(c -> assertThat(c.user()).isNull());
        }
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    static String digestOf(byte[] body) {
        return body.length + ":"
                + HexFormat.of().formatHex(TargetServers.sha256().digest(body));
    }
}
