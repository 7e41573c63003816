package dev.meridian.testkit.proxy;

import static dev.meridian.testkit.proxy.Proxied.awaitAllClosed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP port byte by byte: what a client that is not Vert.x sends, and every refusal. */
class LocalProxyHttpPortTest {

    private static final String AUTH = "Proxy-Authorization: Basic "
            + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)) + "\r\n";

    @RegisterExtension
    static final ProxyFixture env = ProxyFixture.requiring("alice", "s3cret");

    @Test
    void connect_withoutCredentials_answers407AndCloses() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write(connect(env.targets().plainPort(), ""));

            RawClient.Response response = client.readResponse();

            assertThat(response.status()).isEqualTo(407);
            assertThat(response.header("Proxy-Authenticate")).isEqualTo("Basic realm=\"meridian-testkit\"");
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(env.proxy().connections()).isEmpty();
        assertThat(env.proxy().authFailures())
                .containsExactly(new AuthFailure(ProxyProtocol.HTTP_CONNECT, null, AuthFailure.Reason.MISSING));
    }

    @Test
    void connect_wrongPassword_answers407AndCloses() {
        String wrong = "Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString("alice:guess".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write(connect(env.targets().plainPort(), wrong));

            assertThat(client.readResponse().status()).isEqualTo(407);
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(env.proxy().authFailures())
                .containsExactly(new AuthFailure(ProxyProtocol.HTTP_CONNECT, "alice", AuthFailure.Reason.WRONG));
    }

    @Test
    void forward_otherAuthScheme_answers407AsMalformed() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write(get(env.targets().plainPort(), "/hello", "Proxy-Authorization: Bearer abc\r\n"));

            assertThat(client.readResponse().status()).isEqualTo(407);
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(env.proxy().authFailures())
                .containsExactly(new AuthFailure(ProxyProtocol.HTTP_FORWARD, null, AuthFailure.Reason.MALFORMED));
    }

    @Test
    void connect_refusedTarget_answers502() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write(connect(closedPort(), AUTH));

            assertThat(client.readResponse().status()).isEqualTo(502);
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(env.proxy().connections()).isEmpty();
    }

    @Test
    void forward_refusedTarget_answers502() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write(get(closedPort(), "/hello", AUTH));

            assertThat(client.readResponse().status()).isEqualTo(502);
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void badRequests_answer400AndClose() {
        String[] heads = {
            "HELLO\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\n", // origin-form: this is a proxy, not the origin
            "GET https://127.0.0.1:1/ HTTP/1.1\r\n" + AUTH + "\r\n", // https is for CONNECT
            "GET http://127.0.0.1:1/ HTTP/2.0\r\n" + AUTH + "\r\n",
            "GET http://127.0.0.1:1/ HTTP/1.1\r\nBad Header: x\r\n" + AUTH + "\r\n",
            "CONNECT 127.0.0.1 HTTP/1.1\r\n" + AUTH + "\r\n", // no port
            "POST http://127.0.0.1:1/ HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n" + AUTH + "\r\n",
        };
        for (String head : heads) {
            try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
                client.write(head);

                assertThat(client.readResponse().status()).as(head).isEqualTo(400);
                assertThat(client.closedByPeer()).as(head).isTrue();
            }
        }
    }

    @Test
    void head_longerThanLimit_answers431() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write("GET http://127.0.0.1:1/ HTTP/1.1\r\nX-Filler: " + "x".repeat(70_000) + "\r\n\r\n");

            assertThat(client.readResponse().status()).isEqualTo(431);
        }
    }

    @Test
    void forward_headSplitAcrossTinyWrites_isReassembled() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.writeInTinyPieces(get(env.targets().plainPort(), "/hello?x=1", AUTH));

            RawClient.Response response = client.readResponse();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body())
                    .contains(
                            "uri=/hello?x=1 ", "host=127.0.0.1:" + env.targets().plainPort());
        }
    }

    @Test
    void connect_headSplitAcrossTinyWrites_thenTunnelCountsExactBytes() {
        String request = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        String response;
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.writeInTinyPieces(connect(env.targets().plainPort(), AUTH));
            assertThat(client.readResponse().status()).isEqualTo(200);

            client.write(request);
            response = client.readToEnd();
        }

        assertThat(response).startsWith("HTTP/1.1 200").contains("uri=/hello ");
        assertThat(awaitAllClosed(env.proxy())).singleElement().satisfies(c -> {
            assertThat(c.protocol()).isEqualTo(ProxyProtocol.HTTP_CONNECT);
            assertThat(c.user()).isEqualTo("alice");
            assertThat(c.bytesUp()).isEqualTo(request.length());
            assertThat(c.bytesDown()).isEqualTo(response.length());
        });
    }

    @Test
    void forward_rewritesHostAndDropsProxyFields() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write("GET http://127.0.0.1:" + env.targets().plainPort() + "/hello HTTP/1.1\r\n"
                    + "Host: somewhere.else\r\nProxy-Connection: keep-alive\r\n" + AUTH + "\r\n");

            String body = client.readResponse().body();

            // RFC 9112 §3.2.2: the Host of the absolute-form wins over the received field.
            assertThat(body).contains("host=127.0.0.1:" + env.targets().plainPort(), "proxy-authorization=absent");
        }
    }

    @Test
    void forward_chunkedBodyInTinyPieces_thenNextRequestOnSameConnection() {
        byte[] payload = "hello, chunked world".getBytes(StandardCharsets.US_ASCII);
        String chunked = "POST http://127.0.0.1:" + env.targets().plainPort() + "/digest HTTP/1.1\r\n"
                + "Transfer-Encoding: chunked\r\n" + AUTH + "\r\n"
                + "7;ext=1\r\nhello, \r\n" + "d\r\nchunked world\r\n" + "0\r\nX-Trailer: t\r\n\r\n";
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.writeInTinyPieces(chunked);
            assertThat(client.readResponse().body()).isEqualTo(LocalProxyRoutesTest.digestOf(payload));

            client.write(get(env.targets().plainPort(), "/hello", AUTH));
            assertThat(client.readResponse().body()).contains("uri=/hello ");
        }
        assertThat(awaitAllClosed(env.proxy()))
                .singleElement()
                .satisfies(c -> assertThat(c.protocol()).isEqualTo(ProxyProtocol.HTTP_FORWARD));
    }

    @Test
    void forward_nextRequestToAnotherTarget_opensNewUpstream() {
        try (RawClient client = RawClient.connect(env.proxy().httpPort())) {
            client.write(get(env.targets().plainPort(), "/hello", AUTH));
            assertThat(client.readResponse().body()).contains("uri=/hello ");

            client.write("GET http://[::1]:" + env.targets().ipv6Port() + "/hello HTTP/1.1\r\n" + AUTH + "\r\n");
            assertThat(client.readResponse().body()).contains("uri=/hello ");
        }
        assertThat(awaitAllClosed(env.proxy()))
                .extracting(ProxyConnection::target)
                .containsExactly(
                        "127.0.0.1:" + env.targets().plainPort(),
                        "[::1]:" + env.targets().ipv6Port());
    }

    @Test
    void javaHttpClient_withoutCredentials_gets407() throws Exception {
        HttpResponse<String> response = javaHttpClient(env.proxy())
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + env.targets().plainPort() + "/hello"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(407);
        assertThat(response.headers().firstValue("Proxy-Authenticate")).hasValue("Basic realm=\"meridian-testkit\"");
        assertThat(env.proxy().connections()).isEmpty();
    }

    @Test
    void javaHttpClient_alternatingTargets_eachAnsweredByItsOwn() throws Exception {
        try (LocalProxy open = LocalProxy.start()) {
            HttpClient http = javaHttpClient(open);
            for (int i = 0; i < 4; i++) {
                int port =
                        i % 2 == 0 ? env.targets().plainPort() : env.targets().ipv6Port();
                String host = i % 2 == 0 ? "127.0.0.1" : "[::1]";
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/hello"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("uri=/hello ", ":" + port + " ");
            }
            assertThat(open.connections())
                    .extracting(ProxyConnection::protocol)
                    .containsOnly(ProxyProtocol.HTTP_FORWARD);
        }
    }

    private static HttpClient javaHttpClient(LocalProxy through) {
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", through.httpPort())))
                .build();
    }

    private static String connect(int port, String extraHeaders) {
        return "CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders + "\r\n";
    }

    private static String get(int port, String path, String extraHeaders) {
        return "GET http://127.0.0.1:" + port + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders
                + "\r\n";
    }

    /** A port on which nothing listens: bound once, then released. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
