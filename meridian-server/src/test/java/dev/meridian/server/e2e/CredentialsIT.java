package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the gateway reads credentials: two different keys are refused rather than one picked silently, and a header
 * HTTP does not allow is refused without its value (often a key) being repeated back.
 */
class CredentialsIT {

    private static final String CHAT = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> chatWith(String authorization, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT));
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        return gateway.send(request.build());
    }

    @Test
    void twoDifferentKeys_areRefusedWith401_namingNeither() {
        HttpResponse<String> r = chatWith("Bearer " + GatewayFixture.KEY, "sk-some-other-key-9876");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body())
                .contains("Two different API keys were presented")
                .contains("\"code\":\"invalid_api_key\"")
                .doesNotContain(GatewayFixture.KEY)
                .doesNotContain("sk-some-other-key-9876")
                .doesNotContain("9876");
    }

    @Test
    void theSameKeyInBothHeaders_isAccepted() {
        HttpResponse<String> r = chatWith("Bearer " + GatewayFixture.KEY, GatewayFixture.KEY);

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void eitherHeaderAlone_isAccepted() {
        assertThat(chatWith("Bearer " + GatewayFixture.KEY, null).statusCode()).isEqualTo(200);
        assertThat(chatWith(null, GatewayFixture.KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aHeaderWithBytesHttpForbids_isRefusedWithoutRepeatingIt() throws Exception {
        for (String bad : new String[] {"Bearer sk-secret-nul\u0000tail", "Bearer sk-secret-cr\rtail"}) {
            String raw = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bad
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + CHAT.length() + "\r\n\r\n" + CHAT;
            String answer = exchange(raw);

            assertThat(answer).as(answer).startsWith("HTTP/1.1 400");
            assertThat(answer)
                    .contains("invalid_http")
                    .doesNotContain("sk-secret")
                    .doesNotContain("tail");
        }
        assertThat(chatWith("Bearer " + GatewayFixture.KEY, null).statusCode())
                .as("the gateway keeps serving")
                .isEqualTo(200);
    }

    private static String exchange(String raw) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.server().port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
