package dev.meridian.deploy;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container image's health check: the image has no shell and no curl, so its {@code HEALTHCHECK} runs this class
 * with the image's own Java. Exits 0 when the URL (the gateway's {@code /health/ready}) answers 200 within 4 s, 1
 * otherwise. It runs in a JVM of its own for a fraction of a second, never inside the gateway.
 */
public final class HealthCheck {
    private HealthCheck() {}

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/health/ready";
        System.exit(ready(url) ? 0 : 1);
    }

    static boolean ready(String url) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(2_000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status == 200;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("health check: " + url + ": " + e.getMessage());
            return false;
        }
    }
}
