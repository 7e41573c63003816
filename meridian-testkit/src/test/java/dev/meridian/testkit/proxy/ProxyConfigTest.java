package dev.meridian.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Options and credentials validation, Basic credential checks, and connect-failure mapping. */
class ProxyConfigTest {

    private static final ProxyCredentials ALICE = new ProxyCredentials("alice", "s3cret");

    @Test
    void credentials_rejectWhatEitherProtocolCannotCarry() {
        assertThatThrownBy(() -> new ProxyCredentials("a:b", "p")).hasMessageContaining("':'");
        assertThatThrownBy(() -> new ProxyCredentials("", "p")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new ProxyCredentials("u", "p".repeat(256))).hasMessageContaining("255");
        assertThat(ALICE.toString()).doesNotContain("s3cret");
    }

    @Test
    void options_rejectConflicts() {
        LocalProxy.Options defaults = LocalProxy.Options.defaults();
        assertThatThrownBy(() -> defaults.withPorts(9000, 9000)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> defaults.withPorts(-1, 0)).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> defaults.withConnectTimeout(Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void basicAuth_outcomes() {
        assertThat(BasicProxyAuth.check(null, List.of())).isEqualTo(new BasicProxyAuth.Accepted(null));
        assertThat(BasicProxyAuth.check(ALICE, List.of(basic("alice:s3cret"))))
                .isEqualTo(new BasicProxyAuth.Accepted("alice"));
        assertThat(BasicProxyAuth.check(ALICE, List.of("basic " + encode("alice:s3cret"))))
                .as("scheme is case-insensitive")
                .isEqualTo(new BasicProxyAuth.Accepted("alice"));
        assertThat(BasicProxyAuth.check(ALICE, List.of()))
                .isEqualTo(new BasicProxyAuth.Refused(AuthFailure.Reason.MISSING, null));
        assertThat(BasicProxyAuth.check(ALICE, List.of(basic("alice:nope"))))
                .isEqualTo(new BasicProxyAuth.Refused(AuthFailure.Reason.WRONG, "alice"));
        assertThat(BasicProxyAuth.check(ALICE, List.of("Basic !!!")))
                .isEqualTo(new BasicProxyAuth.Refused(AuthFailure.Reason.MALFORMED, null));
        assertThat(BasicProxyAuth.check(ALICE, List.of(basic("no-colon"))))
                .isEqualTo(new BasicProxyAuth.Refused(AuthFailure.Reason.MALFORMED, null));
    }

    @Test
    void connectFailure_mapsToSocksReplies() {
        assertThat(ConnectFailure.classify(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo(ConnectFailure.REFUSED);
        assertThat(ConnectFailure.classify(new ConnectTimeoutException("timed out")))
                .isEqualTo(ConnectFailure.UNREACHABLE);
        assertThat(ConnectFailure.classify(new UnknownHostException("nowhere"))).isEqualTo(ConnectFailure.UNREACHABLE);
        assertThat(ConnectFailure.classify(new IllegalStateException())).isEqualTo(ConnectFailure.OTHER);
        assertThat(ConnectFailure.REFUSED.socksReply().code()).isEqualTo(0x05);
    }

    private static String basic(String userColonPassword) {
        return "Basic " + encode(userColonPassword);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
