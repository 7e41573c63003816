package dev.meridian.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the admin API of a {@link GatewayFixture} with one key, and chat completions with a caller key. */
final class AdminClient {

    /** One answer: status and body as JSON (a missing node when the body is not JSON). */
    record Answer(int status, JsonNode json, String body) {
        String text(String field) {
            return json.path(field).asText();
        }

        String errorParam() {
            return json.path("error").path("param").asText(null);
        }

        String errorCode() {
            return json.path("error").path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final GatewayFixture gateway;
    private final String key;

    AdminClient(GatewayFixture gateway, String key) {
        this.gateway = gateway;
        this.key = key;
    }

    AdminClient as(String otherKey) {
        return new AdminClient(gateway, otherKey);
    }

    Answer get(String path) {
        return call("GET", path, null);
    }

    Answer post(String path, String body) {
        return call("POST", path, body);
    }

    Answer put(String path, String body) {
        return call("PUT", path, body);
    }

    Answer patch(String path, String body) {
        return call("PATCH", path, body);
    }

    Answer delete(String path) {
        return call("DELETE", path, null);
    }

    Answer call(String method, String path, String body) {
        return call(method, path, body, body == null ? null : "application/json");
    }

    /** A call with {@code contentType} as given (none when null), whatever the body. */
    Answer call(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/admin/v1" + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("content-type", contentType);
        }
        return answer(gateway.send(b.build()));
    }

    private static Answer answer(HttpResponse<String> r) {
        JsonNode json;
        try {
            json = Json.parseTrusted(r.body());
        } catch (RuntimeException e) {
            json = null;
        }
        return new Answer(r.statusCode(), json == null ? Json.MAPPER.missingNode() : json, r.body());
    }

    /**
     * Creates a tenant named {@code name} on {@code plan} as soon as the database is open (until then the admin API
     * answers 503); returns its id.
     */
    String tenantOnceOpen(String name, String plan) {
        String body = "{\"name\":\"" + name + "\",\"plan\":\"" + plan + "\"}";
        Answer[] created = new Answer[1];
        Poll.until(() -> (created[0] = post("/tenants", body)).status() == 201, "the database is open");
        return created[0].text("id");
    }

    /** A chat completion on {@code model} with the caller key {@code callerKey}. */
    Answer chat(String callerKey, String model) {
        HttpResponse<String> r =
                gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + callerKey)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build());
        return answer(r);
    }
}
