package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.SimulatorOptions;
import dev.meridian.testkit.proxy.LocalProxy;
import dev.meridian.testkit.proxy.ProxyProtocol;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real traffic through a real local proxy: HTTP CONNECT with Basic credentials to a TLS provider (trusted
 * through {@code tls.caFile}, HTTP/2 offered by ALPN), SOCKS5 with username/password to a plain one, and a
 * wrong proxy password failing cleanly.
 */
class OutboundProxyIT {

    private static LocalProxy proxy;
    private static ProviderSimulator tlsSimulator;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        proxy = LocalProxy.start(LocalProxy.Options.defaults().withCredentials("alice", "s3cret"));
        tlsSimulator = ProviderSimulator.start(SimulatorOptions.defaults().tls(true));
        // The simulator's certificate names localhost, and the gateway verifies host names.
        String tlsUrl = tlsSimulator.baseUrl().replace("127.0.0.1", "localhost");
        String providers = """
                  via-connect:
                    type: openai
                    baseUrl: %s/v1
                    apiKey: sim-key
                    proxy:
                      url: http://alice:s3cret@127.0.0.1:%d
                    tls:
                      caFile: %s
                  via-socks:
                    type: anthropic
                    baseUrl: SIM_URL
                    apiKey: sim-key
                    proxy:
                      url: socks5://127.0.0.1:%d
                      username: alice
                      password: s3cret
                  bad-proxy-password:
                    type: openai
                    baseUrl: %s/v1
                    apiKey: sim-key
                    proxy:
                      url: http://alice:wrong@127.0.0.1:%d
                    tls:
                      caFile: %s
                """.formatted(
                        tlsUrl,
                        proxy.httpPort(),
                        tlsSimulator.certificatePath().orElseThrow(),
                        proxy.socksPort(),
                        tlsUrl,
                        proxy.httpPort(),
                        tlsSimulator.certificatePath().orElseThrow());
        String models = """
                  tls-gpt:
                    provider: via-connect
                    model: gpt-4o-mini
                  socks-claude:
                    provider: via-socks
                    model: claude-sonnet-4-5
                  refused:
                    provider: bad-proxy-password
                    model: gpt-4o-mini
                """;
        gateway = GatewayFixture.startWith(providers, models);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        tlsSimulator.close();
        proxy.close();
    }

    @Test
    void httpConnect_withCredentials_reachesATlsProvider() {
        ChatCompletion c = gateway.openAi()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("tls-gpt")
                        .addUserMessage("through the corporate proxy")
                        .build());

        assertThat(c.choices().get(0).message().content().orElseThrow()).contains("through the corporate proxy");
        assertThat(tlsSimulator.received()).isNotEmpty();
        assertThat(tlsSimulator.received())
                .as("HTTP/2 negotiated by ALPN, inside the tunnel")
                .allSatisfy(r -> assertThat(r.httpVersion()).isEqualTo("h2"));
        assertThat(proxy.connections()).anySatisfy(conn -> {
            assertThat(conn.protocol()).isEqualTo(ProxyProtocol.HTTP_CONNECT);
            assertThat(conn.user()).isEqualTo("alice");
            assertThat(conn.targetPort()).isEqualTo(tlsSimulator.port());
        });
    }

    @Test
    void socks5_withCredentials_reachesTheProvider() {
        ChatCompletion c = gateway.openAi()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("socks-claude")
                        .addUserMessage("through socks")
                        .build());

        assertThat(c.choices().get(0).message().content().orElseThrow()).contains("through socks");
        assertThat(proxy.connections()).anySatisfy(conn -> {
            assertThat(conn.protocol()).isEqualTo(ProxyProtocol.SOCKS5);
            assertThat(conn.user()).isEqualTo("alice");
            assertThat(conn.targetPort()).isEqualTo(gateway.simulator().port());
        });
    }

    @Test
    void wrongProxyPassword_is502AndNothingReachesTheProvider() {
        int before = tlsSimulator.received().size();
        HttpResponse<String> r = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"refused\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("bad-proxy-password");
        assertThat(tlsSimulator.received()).hasSize(before);
        assertThat(proxy.authFailures()).isNotEmpty();
    }
}
