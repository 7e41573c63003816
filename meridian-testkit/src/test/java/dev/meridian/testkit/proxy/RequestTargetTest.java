package dev.meridian.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Authority-form (CONNECT), absolute-form (forwarding) and the body framing a head declares. */
class RequestTargetTest {

    @ParameterizedTest
    @CsvSource({
        "example.com:443, example.com, 443",
        "127.0.0.1:8080, 127.0.0.1, 8080",
        "[::1]:9, ::1, 9",
    })
    void hostPort_authorityForm(String authority, String host, int port) throws Exception {
        assertThat(HostPort.parse(authority, -1)).isEqualTo(new HostPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"example.com", "a:b:c", "[::1", "::1:80", "h:0", "h:65536", "h:+1", "h:", ":80", "u@h:1", "[]:1"
            })
    void hostPort_malformedAuthorityForm_isRejected(String authority) {
        assertThatThrownBy(() -> HostPort.parse(authority, -1)).isInstanceOf(RejectedRequestException.class);
    }

    @Test
    void hostPort_toString_bracketsIpv6() {
        assertThat(new HostPort("::1", 80)).hasToString("[::1]:80");
    }

    @ParameterizedTest
    @CsvSource({
        "http://h/p?q=1, h, 80, h, /p?q=1",
        "HTTP://h:81, h, 81, h:81, /",
        "http://h:81?q, h, 81, h:81, /?q",
        "http://[::1]:82/a#frag, ::1, 82, [::1]:82, /a",
    })
    void absoluteForm_parse(String target, String host, int port, String authority, String originForm)
            throws Exception {
        assertThat(AbsoluteForm.parse(target))
                .isEqualTo(new AbsoluteForm(new HostPort(host, port), authority, originForm));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/p", "https://h/", "ftp://h/", "http://user:pw@h/", "http:///p"})
    void absoluteForm_unsupported_isRejected(String target) {
        assertThatThrownBy(() -> AbsoluteForm.parse(target)).isInstanceOf(RejectedRequestException.class);
    }

    @Test
    void bodyFraming_contentLengthAndNone() throws Exception {
        BodyFraming fixed = BodyFraming.of(head("Content-Length: 3\r\nContent-Length: 3\r\n"));
        assertThat(fixed.advance(Buffer.buffer("abcdef"), 1)).isEqualTo(4);
        assertThat(fixed.complete()).isTrue();
        assertThat(BodyFraming.of(head("")).complete()).isTrue();
        assertThat(BodyFraming.of(head("Transfer-Encoding: gzip, chunked\r\n"))).isInstanceOf(ChunkedBodyFraming.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Content-Length: 3\r\nContent-Length: 4\r\n",
                "Content-Length: -1\r\n",
                "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
                "Transfer-Encoding: chunked, gzip\r\n",
            })
    void bodyFraming_ambiguous_isRejected(String fields) {
        assertThatThrownBy(() -> BodyFraming.of(head(fields))).isInstanceOf(RejectedRequestException.class);
    }

    private static HttpRequestHead head(String fields) throws RejectedRequestException {
        return HttpRequestHead.parse(Buffer.buffer("POST http://h/ HTTP/1.1\r\n" + fields + "\r\n"));
    }
}
