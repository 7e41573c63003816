package dev.meridian.testkit.proxy;

import static dev.meridian.testkit.proxy.Proxied.awaitAllClosed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SOCKS port byte by byte (RFC 1928, RFC 1929): every address type and every refusal. */
class LocalProxySocksPortTest {

    private static final byte[] GREETING_PASSWORD = {0x05, 0x01, 0x02};
    private static final byte[] LOGIN = login("alice", "s3cret");
    private static final byte[] METHOD_PASSWORD = {0x05, 0x02};
    private static final byte[] AUTH_OK = {0x01, 0x00};
    private static final int REPLY_IPV4_LENGTH = 10;

    @RegisterExtension
    static final ProxyFixture env = ProxyFixture.requiring("alice", "s3cret");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ipv4, 127.0.0.1", "domain, localhost", "ipv6, 0:0:0:0:0:0:0:1"})
    void connect_eachAddressType_tunnelsToTarget(String addressType, String recordedHost) {
        int port = addressType.equals("ipv6")
                ? env.targets().ipv6Port()
                : env.targets().plainPort();
        byte[] request = switch (addressType) {
            case "ipv4" -> connectRequest(0x01, new byte[] {127, 0, 0, 1}, port);
            case "domain" -> connectRequest(0x03, withLength("localhost"), port);
            default -> connectRequest(0x04, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, port);
        };
        try (RawClient client = RawClient.connect(env.proxy().socksPort())) {
            client.write(GREETING_PASSWORD);
            assertThat(client.readExactly(2)).containsExactly(METHOD_PASSWORD);
            client.write(LOGIN);
            assertThat(client.readExactly(2)).containsExactly(AUTH_OK);
            client.write(request);
            byte[] reply = client.readExactly(4);
            assertThat(reply[1]).as("REP").isEqualTo((byte) 0x00);
            client.readExactly((reply[3] == 0x04 ? 16 : 4) + 2); // BND.ADDR and BND.PORT

            client.write("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(client.readToEnd()).startsWith("HTTP/1.1 200").contains("uri=/hello ");
        }
        assertThat(awaitAllClosed(env.proxy())).singleElement().satisfies(c -> {
            assertThat(c.protocol()).isEqualTo(ProxyProtocol.SOCKS5);
            assertThat(c.targetHost()).isEqualTo(recordedHost);
            assertThat(c.targetPort()).isEqualTo(port);
            assertThat(c.user()).isEqualTo("alice");
        });
    }

    @Test
    void handshakeAndRequest_sentAtOnceInTinyPieces_areReassembled() {
        ByteArrayOutputStream everything = new ByteArrayOutputStream();
        everything.writeBytes(GREETING_PASSWORD);
        everything.writeBytes(LOGIN);
        everything.writeBytes(
                connectRequest(0x03, withLength("localhost"), env.targets().plainPort()));
        // Sent before any reply: the proxy must keep these bytes and relay them once connected.
        everything.writeBytes(
                "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        try (RawClient client = RawClient.connect(env.proxy().socksPort())) {
            client.writeInTinyPieces(everything.toString(StandardCharsets.ISO_8859_1));

            assertThat(client.readExactly(2)).containsExactly(METHOD_PASSWORD);
            assertThat(client.readExactly(2)).containsExactly(AUTH_OK);
            assertThat(client.readExactly(REPLY_IPV4_LENGTH)[1]).isEqualTo((byte) 0x00);
            assertThat(client.readToEnd()).startsWith("HTTP/1.1 200").contains("uri=/hello ");
        }
    }

    @Test
    void login_wrongPassword_answersFailureAndCloses() {
        try (RawClient client = RawClient.connect(env.proxy().socksPort())) {
            client.write(GREETING_PASSWORD);
            assertThat(client.readExactly(2)).containsExactly(METHOD_PASSWORD);
            client.write(login("alice", "guess"));

            assertThat(client.readExactly(2)).containsExactly(0x01, 0x01);
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(env.proxy().authFailures())
                .containsExactly(new AuthFailure(ProxyProtocol.SOCKS5, "alice", AuthFailure.Reason.WRONG));
    }

    @Test
    void greeting_withoutPasswordMethod_isRefusedWhenCredentialsAreRequired() {
        try (RawClient client = RawClient.connect(env.proxy().socksPort())) {
            client.write(new byte[] {0x05, 0x01, 0x00});

            assertThat(client.readExactly(2)).containsExactly(0x05, 0xFF);
            assertThat(client.closedByPeer()).isTrue();
        }
        assertThat(env.proxy().authFailures())
                .containsExactly(new AuthFailure(ProxyProtocol.SOCKS5, null, AuthFailure.Reason.MISSING));
    }

    @Test
    void greeting_noAuthProxy_choosesNoAuthentication() {
        try (LocalProxy open = LocalProxy.start();
                RawClient client = RawClient.connect(open.socksPort())) {
            client.write(new byte[] {0x05, 0x02, 0x00, 0x02});

            assertThat(client.readExactly(2)).containsExactly(0x05, 0x00);
        }
    }

    @Test
    void request_bindCommand_answersCommandNotSupported() {
        assertThat(replyTo(new byte[] {0x05, 0x02, 0x00, 0x01, 127, 0, 0, 1, 0, 80}))
                .isEqualTo(0x07);
    }

    @Test
    void request_unknownAddressType_answersAddressTypeNotSupported() {
        assertThat(replyTo(new byte[] {0x05, 0x01, 0x00, 0x09, 1, 2, 3})).isEqualTo(0x08);
    }

    @Test
    void request_refusedTarget_answersConnectionRefused() {
        int port = LocalProxyHttpPortTest.closedPort();

        assertThat(replyTo(connectRequest(0x01, new byte[] {127, 0, 0, 1}, port)))
                .isEqualTo(0x05);
        assertThat(env.proxy().connections()).isEmpty();
    }

    /** Logs in, sends {@code request}, and returns the reply code once the proxy has closed. */
    private int replyTo(byte[] request) {
        try (RawClient client = RawClient.connect(env.proxy().socksPort())) {
            client.write(GREETING_PASSWORD).write(LOGIN).write(request);
            client.readExactly(4);
            byte[] reply = client.readExactly(REPLY_IPV4_LENGTH);
            assertThat(client.closedByPeer()).isTrue();
            return reply[1];
        }
    }

    private static byte[] login(String user, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01);
        out.writeBytes(withLength(user));
        out.writeBytes(withLength(password));
        return out.toByteArray();
    }

    private static byte[] withLength(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes.length);
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static byte[] connectRequest(int addressType, byte[] address, int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x05, 0x01, 0x00, (byte) addressType});
        out.writeBytes(address);
        out.write(port >> 8);
        out.write(port);
        return out.toByteArray();
    }
}
