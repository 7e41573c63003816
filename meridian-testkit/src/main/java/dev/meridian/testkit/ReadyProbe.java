package dev.meridian.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Whether a gateway process on 127.0.0.1 reports ready: for tests that start one and wait with {@link Poll}.
 */
public final class ReadyProbe {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReadyProbe() {}

    /** True when {@code /health/ready} answers 200; false while nothing listens or it answers otherwise. */
    public static boolean ready(int port) {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
