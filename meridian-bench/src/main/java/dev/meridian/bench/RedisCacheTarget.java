package dev.meridian.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Target gateway-cache-redis: hits served by the shared tier. Two gateways share the Redis at 127.0.0.1:6379 under the
 * run's key prefix: the writer (the gateway of target gateway-limits-redis, with the default in-process tier) stores
 * the cached group's answer once; the reader's in-process tier is bounded at one byte, so the copy it makes of each
 * Redis hit is evicted at once and every lookup is a Redis {@code GET}, which is what a replica pays for the first hit
 * on an answer another replica stored. The reader stores nothing itself ({@code maxEntrySize} is one byte too).
 */
final class RedisCacheTarget {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int writerPort;
    private final int readerPort;

    RedisCacheTarget(int writerPort, int readerPort) {
        this.writerPort = writerPort;
        this.readerPort = readerPort;
    }

    /** The {@code cache} section both gateways share, the reader's with an in-process tier that holds nothing. */
    static String cacheSection(String redisPrefix, boolean reader) {
        return "cache:\n  keyPrefix: \"" + redisPrefix + "cache:\"\n"
                + (reader ? "  maxSize: 1\n  maxEntrySize: 1\n" : "");
    }

    /**
     * Stores the answer through the writer, then waits until the reader answers it from Redis.
     *
     * @throws IllegalStateException when the reader does not within 10 s
     */
    void prime() throws IOException, InterruptedException {
        String stored =
                send(writerPort).headers().firstValue("x-meridian-cache").orElse("none");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String seen = "none";
        while (System.nanoTime() < deadline) {
            seen = send(readerPort).headers().firstValue("x-meridian-cache").orElse("none");
            if (seen.equals("hit")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "gateway-cache-redis: the writer said " + stored + ", the reader still says " + seen + " after 10 s");
    }

    /** For the report: the reader's hits and local evictions, from its metrics (each Redis hit is one eviction). */
    String describe() {
        return summary(http, "gateway-cache-redis", readerPort);
    }

    /**
     * One line of a gateway's cache counters from its {@code /metrics}: hits, misses, bytes stored, evictions and
     * Redis failures, all groups and tenants together.
     */
    static String summary(HttpClient http, String name, int port) {
        try {
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return String.format(
                    "%s's cache counters at the end: %.0f hits, %.0f misses, %.1f MB stored, %.0f entries evicted"
                            + " from its in-process tier, %.0f Redis failures",
                    name,
                    sum(metrics, "meridian_cache_hits_total"),
                    sum(metrics, "meridian_cache_misses_total"),
                    sum(metrics, "meridian_cache_stored_bytes_total") / 1e6,
                    sum(metrics, "meridian_cache_evictions_total"),
                    sum(metrics, "meridian_cache_redis_failures_total"));
        } catch (IOException e) {
            return name + ": metrics unreadable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return name + ": interrupted";
        }
    }

    private static double sum(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} ([0-9.E+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private HttpResponse<String> send(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(10))
                        .header("authorization", "Bearer " + ServerConfigs.GATEWAY_KEY)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                Scenario.NON_STREAM.body(ServerConfigs.CACHED_MODEL)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "gateway-cache-redis priming: port " + port + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }
}
