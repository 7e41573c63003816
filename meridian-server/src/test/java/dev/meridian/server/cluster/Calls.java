package dev.meridian.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP calls the harness makes, only ever to 127.0.0.1: the admin API and one {@code priced} chat. */
public final class Calls {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final String adminKey;

    public Calls(String baseUrl, String adminKey) {
        if (!baseUrl.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("the harness only calls 127.0.0.1, not " + baseUrl);
        }
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
    }

    /** An admin call; {@code body} null for GET and DELETE. */
    public HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/v1" + path))
                .header("authorization", "Bearer " + adminKey)
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher)
                .build());
    }

    /** An admin call that must answer {@code status}; its JSON body. */
    public JsonNode admin(String method, String path, String body, int status) {
        HttpResponse<String> r = admin(method, path, body);
        if (r.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.parseTrusted(r.body());
    }

    /** One {@code model} chat call with {@code max_tokens: 1} under the caller key {@code secret}. */
    public HttpResponse<String> chat(String secret, String model) {
        return send(chatRequest(baseUrl, secret, model, null));
    }

    static HttpRequest chatRequest(String baseUrl, String secret, String model, String clientId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .header("authorization", "Bearer " + secret)
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":1,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        if (clientId != null) {
            b.header("x-request-id", clientId);
        }
        return b.build();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.uri() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
