package dev.meridian.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A plain java.net.http client for the simulator, with a minimal SSE reader for assertions. */
final class SimClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    SimClient(Simulator simulator) {
        this.baseUrl = simulator.baseUrl();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send(request(path, headers)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** Posts and reads the response as SSE events until the server ends it, or fails mid-stream. */
    StreamResult stream(String path, String body, String... headers) {
        HttpRequest request = request(path, headers)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        List<Sse> events = new ArrayList<>();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Sse(Optional.ofNullable(event), line.substring(6)));
                    event = null;
                }
            }
            return new StreamResult(response, events, Optional.empty());
        } catch (IOException e) {
            return new StreamResult(response, events, Optional.of(e));
        }
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    /** One server-sent event. */
    record Sse(Optional<String> event, String data) {
        JsonNode json() {
            return SimClient.json(data);
        }
    }

    /** The events read, and the failure that ended the stream early, if any. */
    record StreamResult(HttpResponse<?> response, List<Sse> events, Optional<IOException> failure) {
        List<JsonNode> jsonEvents() {
            return events.stream()
                    .filter(e -> !e.data().equals("[DONE]"))
                    .map(Sse::json)
                    .toList();
        }
    }
}
