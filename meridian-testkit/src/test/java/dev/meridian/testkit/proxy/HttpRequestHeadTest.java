package dev.meridian.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestHeadTest {

    private static final String HEAD = "GET http://h:1/p HTTP/1.1\r\nHost: h:1\r\nX-A: 1\r\nx-a:  2 \r\n\r\n";

    @Test
    void findEnd_atEveryPrefix_findsNothingUntilTheBlankLine() {
        Buffer whole = Buffer.buffer(HEAD + "body");
        for (int n = 0; n < HEAD.length(); n++) {
            assertThat(HttpRequestHead.findEnd(whole.getBuffer(0, n)))
                    .as("prefix %d", n)
                    .isEqualTo(-1);
        }
        assertThat(HttpRequestHead.findEnd(whole)).isEqualTo(HEAD.length());
    }

    @Test
    void findEnd_bareLineFeedsAndLeadingEmptyLines() {
        assertThat(HttpRequestHead.findEnd(Buffer.buffer("GET / HTTP/1.1\nA: b\n\nrest")))
                .isEqualTo(21);
        assertThat(HttpRequestHead.findEnd(Buffer.buffer("\r\n\r\nGET / HTTP/1.1\r\n\r\n")))
                .isEqualTo(22);
    }

    @Test
    void parse_keepsHeadersInOrderWithDuplicates() throws Exception {
        HttpRequestHead head = HttpRequestHead.parse(Buffer.buffer(HEAD));

        assertThat(head.method()).isEqualTo("GET");
        assertThat(head.target()).isEqualTo("http://h:1/p");
        assertThat(head.values("x-A")).containsExactly("1", "2");
    }

    @Test
    void encode_replacesTargetAndHostAndDropsFields() throws Exception {
        HttpRequestHead head = HttpRequestHead.parse(Buffer.buffer(
                "GET http://h:1/p HTTP/1.1\r\nHost: wrong\r\nProxy-Authorization: Basic x\r\nAccept: */*\r\n\r\n"));

        Buffer encoded = head.encode("/p", "h:1", Set.of("proxy-authorization"));

        assertThat(encoded.toString()).isEqualTo("GET /p HTTP/1.1\r\nHost: h:1\r\nAccept: */*\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /\r\n\r\n",
                "GET  / HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.2\r\n\r\n",
                "G(T / HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\r\nNo-Colon\r\n\r\n",
                "GET / HTTP/1.1\r\nSpace : before colon\r\n\r\n",
                "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",
                "GET / HTTP/1.1\r\nA: b\rc\r\n\r\n",
                "GET / HTTP/1.1\r\nA: \0\r\n\r\n",
            })
    void parse_malformed_isBadRequest(String head) {
        assertThatThrownBy(() -> HttpRequestHead.parse(Buffer.buffer(head)))
                .isInstanceOfSatisfying(
                        RejectedRequestException.class,
                        e -> assertThat(e.status()).isEqualTo(ProxyStatus.BAD_REQUEST));
    }
}
