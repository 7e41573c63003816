package dev.meridian.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls the gateway's {@code GET /admin/v1/deployments} every {@code period} on its own thread and keeps each
 * change of one model group's deployment states, with the nanoTime of the poll that saw it. Thread-safe.
 */
final class DeploymentWatch implements AutoCloseable {

    /** One deployment's state as the admin view reported it. */
    record State(long nanos, String deployment, String circuit, boolean healthy, boolean available) {

        /** Out of rotation for a reason the gateway found itself: circuit open, or failing health checks. */
        boolean detectedBad() {
            return circuit.equals("open") || !healthy;
        }

        boolean closedAndHealthy() {
            return circuit.equals("closed") && healthy;
        }

        boolean fullyBack() {
            return closedAndHealthy() && available;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final HttpRequest request;
    private final String group;
    private final long periodMillis;
    private final List<State> changes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private long polls;
    private long pollFailures;
    private String firstPollFailure;

    DeploymentWatch(int gatewayPort, String adminKey, String group, Duration period) {
        this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/admin/v1/deployments"))
                .header("authorization", "Bearer " + adminKey)
                .timeout(Duration.ofSeconds(1))
                .GET()
                .build();
        this.group = group;
        this.periodMillis = period.toMillis();
        this.thread = new Thread(this::run, "deployment-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!closed) {
            long next = System.nanoTime() + periodMillis * 1_000_000L;
            poll();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void poll() {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long now = System.nanoTime();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("status " + response.statusCode());
            }
            JsonNode deployments =
                    JSON.readTree(response.body()).path("models").path(group).path("deployments");
            synchronized (this) {
                polls++;
                for (JsonNode d : deployments) {
                    record(new State(
                            now,
                            d.path("id").asText(),
                            d.path("circuit").asText(),
                            d.path("healthy").asBoolean(),
                            d.path("available").asBoolean()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } catch (Exception e) {
            synchronized (this) {
                pollFailures++;
                if (firstPollFailure == null) {
                    firstPollFailure = e.toString();
                }
            }
        }
    }

    private void record(State s) {
        State last = latest(s.deployment(), Long.MAX_VALUE);
        if (last == null
                || !last.circuit().equals(s.circuit())
                || last.healthy() != s.healthy()
                || last.available() != s.available()) {
            changes.add(s);
        }
    }

    /** The state of {@code deployment} last seen at or before {@code nanos}, or null. */
    synchronized State latest(String deployment, long nanos) {
        State found = null;
        for (State s : changes) {
            if (s.deployment().equals(deployment) && s.nanos() <= nanos) {
                found = s;
            }
        }
        return found;
    }

    /** Every change of {@code deployment}'s state, oldest first (the first entry is its state at the first poll). */
    synchronized List<State> changes(String deployment) {
        return changes.stream().filter(s -> s.deployment().equals(deployment)).toList();
    }

    /** The deployments that were ever seen. */
    synchronized List<String> deployments() {
        return changes.stream().map(State::deployment).distinct().toList();
    }

    synchronized String summary() {
        return polls + " polls, " + pollFailures + " failed"
                + (firstPollFailure == null ? "" : " (first: " + firstPollFailure + ")");
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
