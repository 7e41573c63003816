package dev.meridian.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class Socks5CodecTest {

    @Test
    void greeting_incompleteAtEveryPrefix_thenParsed() {
        byte[] message = {0x05, 0x02, 0x00, 0x02};

        assertThat(parsedOnlyWhenWhole(message, Socks5Codec::greeting))
                .isEqualTo(new Socks5Codec.Greeting(5, Set.of(0, 2), 4));
    }

    @Test
    void passwordAuth_incompleteAtEveryPrefix_thenParsed() {
        byte[] message = {0x01, 0x02, 'u', 'v', 0x03, 'p', 'w', 'd'};

        assertThat(parsedOnlyWhenWhole(message, Socks5Codec::passwordAuth))
                .isEqualTo(new Socks5Codec.PasswordAuth(1, "uv", "pwd", 8));
    }

    @Test
    void request_eachAddressType_incompleteAtEveryPrefix_thenParsed() {
        byte[] ipv4 = {0x05, 0x01, 0x00, 0x01, 10, 0, 0, 7, 0x01, (byte) 0xBB};
        byte[] domain = {0x05, 0x01, 0x00, 0x03, 0x03, 'a', '.', 'b', 0x00, 0x50};
        byte[] ipv6 = new byte[22];
        System.arraycopy(new byte[] {0x05, 0x01, 0x00, 0x04}, 0, ipv6, 0, 4);
        ipv6[19] = 1;
        ipv6[21] = 0x35;

        assertThat(parsedOnlyWhenWhole(ipv4, Socks5Codec::request))
                .isEqualTo(new Socks5Codec.Connect(new HostPort("10.0.0.7", 443), 10));
        assertThat(parsedOnlyWhenWhole(domain, Socks5Codec::request))
                .isEqualTo(new Socks5Codec.Connect(new HostPort("a.b", 80), 10));
        assertThat(parsedOnlyWhenWhole(ipv6, Socks5Codec::request))
                .isEqualTo(new Socks5Codec.Connect(new HostPort("0:0:0:0:0:0:0:1", 53), 22));
    }

    @Test
    void request_refusals() {
        assertThat(Socks5Codec.request(Buffer.buffer(new byte[] {0x05, 0x03, 0x00, 0x01})))
                .isEqualTo(new Socks5Codec.Refuse(Socks5Reply.COMMAND_NOT_SUPPORTED, 4));
        assertThat(Socks5Codec.request(Buffer.buffer(new byte[] {0x05, 0x01, 0x00, 0x02})))
                .isEqualTo(new Socks5Codec.Refuse(Socks5Reply.ADDRESS_TYPE_NOT_SUPPORTED, 4));
        assertThat(Socks5Codec.request(Buffer.buffer(new byte[] {0x04, 0x01, 0x00, 0x01})))
                .isEqualTo(new Socks5Codec.Refuse(Socks5Reply.GENERAL_FAILURE, 4));
    }

    @Test
    void reply_carriesBoundAddress() {
        assertThat(Socks5Codec.reply(Socks5Reply.SUCCEEDED, SocketAddress.inetSocketAddress(258, "127.0.0.2"))
                        .getBytes())
                .containsExactly(0x05, 0x00, 0x00, 0x01, 127, 0, 0, 2, 0x01, 0x02);
        assertThat(Socks5Codec.reply(Socks5Reply.CONNECTION_REFUSED, null).getBytes())
                .containsExactly(0x05, 0x05, 0x00, 0x01, 0, 0, 0, 0, 0, 0);
    }

    /** Asserts that every strict prefix parses to null, and returns what the whole message parses to. */
    private static <T> T parsedOnlyWhenWhole(byte[] message, Function<Buffer, T> parser) {
        Buffer whole = Buffer.buffer(message).appendString("trailing");
        for (int n = 0; n < message.length; n++) {
            assertThat(parser.apply(whole.getBuffer(0, n)))
                    .as("prefix of %d bytes", n)
                    .isNull();
        }
        return parser.apply(whole);
    }
}
