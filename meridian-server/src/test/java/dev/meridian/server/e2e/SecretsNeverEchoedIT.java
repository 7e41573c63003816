package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Credentials sent in every header a client may use ({@code Authorization}, {@code x-api-key}, {@code api-key},
 * {@code x-goog-api-key}), wrong, ambiguous or malformed, never come back: not in an answer's body or headers, not in
 * any log line (access log included), not in the metrics (issue 9, item 6).
 */
class SecretsNeverEchoedIT {

    private static final String SECRET = KnownSecrets.PRESENTED_KEY;
    private static final String OTHER_SECRET = KnownSecrets.OTHER_PRESENTED_KEY;

    private GatewayFixture gateway;
    private ListAppender<ILoggingEvent> logs;
    private Logger root;
    private Logger access;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        access = (Logger) LoggerFactory.getLogger("meridian.access"); // not additive: its lines skip the root
        access.addAppender(logs);
        gateway = GatewayFixture.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        root.detachAppender(logs);
        access.detachAppender(logs);
    }

    private void send(String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = gateway.send(request.build());
        seen.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
    }

    private void sendRaw(String authorization) throws Exception {
        String body = "{\"model\":\"gpt\",\"messages\":[]}";
        String raw = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        try (Socket socket = new Socket("127.0.0.1", gateway.server().port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            seen.add(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void wrongAmbiguousAndMalformedCredentials_areNeverRepeated() throws Exception {
        send("authorization", "Bearer " + SECRET);
        send("x-api-key", SECRET);
        send("api-key", SECRET);
        send("x-goog-api-key", SECRET);
        send("authorization", "Bearer " + SECRET, "x-api-key", OTHER_SECRET);
        send("authorization", "Bearer " + GatewayFixture.KEY, "x-api-key", SECRET);
        send("authorization", SECRET); // no scheme
        sendRaw("Bearer " + SECRET + "\u0000x");
        sendRaw("Bearer " + SECRET + "\rx");
        seen.add(gateway.get("/metrics").body());

        Poll.until(
                () -> logs.list.stream()
                                .filter(e -> e.getLoggerName().equals("meridian.access"))
                                .count()
                        >= 7,
                "the refused requests are in the access log");
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            logged.add(e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
        }
        assertThat(seen).isNotEmpty().noneMatch(s -> s.contains(SECRET) || s.contains(OTHER_SECRET));
        assertThat(logged).noneMatch(s -> s.contains(SECRET) || s.contains(OTHER_SECRET));
        // The known caller key, sent beside a wrong one, is not named either.
        assertThat(seen.get(5)).doesNotContain(GatewayFixture.KEY);
    }
}
