package dev.meridian.server.cluster;

import dev.meridian.testkit.Poll;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steady load through the balancer: a few worker threads each sending one {@code priced} chat after the other, with
 * a bound on both the number of requests and the time. Each request carries its own {@code x-request-id}
 * ({@code load-<n>}), logged by the gateway as {@code client_request_id}. With {@code retryOnce}, a request whose
 * connection failed (refused, reset, or cut before the answer was whole) is sent once more with the same id: the
 * caller whose client retries.
 */
public final class Load {

    /**
     * One caller request: its final status (-1: no answer), the gateway's request id, how many sends, and the
     * replica that answered ({@code 127.0.0.1:<port>}, from the balancer's {@code x-upstream}; null without one).
     */
    public record Outcome(String clientId, int status, String requestId, int sends, String upstream, String failure) {

        /** Whether {@code replica} answered it. */
        public boolean answeredBy(Replica replica) {
            return ("127.0.0.1:" + replica.port()).equals(upstream);
        }
    }

    private final String baseUrl;
    private final String secret;
    private final boolean retryOnce;
    private final int maxRequests;
    private final long deadline;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();

    private Load(String baseUrl, String secret, boolean retryOnce, int maxRequests, Duration maxTime) {
        this.baseUrl = baseUrl;
        this.secret = secret;
        this.retryOnce = retryOnce;
        this.maxRequests = maxRequests;
        this.deadline = System.nanoTime() + maxTime.toNanos();
    }

    public static Load start(
            String baseUrl, String secret, int workers, int maxRequests, Duration maxTime, boolean retryOnce) {
        if (!baseUrl.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("load goes only to 127.0.0.1, not " + baseUrl);
        }
        Load load = new Load(baseUrl, secret, retryOnce, maxRequests, maxTime);
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(load::run, "cluster-load-" + i);
            t.setDaemon(true);
            load.workers.add(t);
            t.start();
        }
        return load;
    }

    private void run() {
        while (!stopped.get() && System.nanoTime() < deadline) {
            int n = issued.getAndIncrement();
            if (n >= maxRequests) {
                return;
            }
            Outcome o = call("load-" + n);
            if (o.status() == 200) {
                succeeded.incrementAndGet();
            }
            outcomes.add(o);
        }
    }

    private Outcome call(String clientId) {
        int sends = 0;
        String failure = null;
        while (sends < (retryOnce ? 2 : 1)) {
            sends++;
            try {
                HttpResponse<String> r = Calls.HTTP.send(
                        Calls.chatRequest(baseUrl, secret, "priced", clientId), HttpResponse.BodyHandlers.ofString());
                String id = r.headers().firstValue("x-request-id").orElse(null);
                // nginx lists every replica it tried, the one that answered last.
                String upstream = r.headers()
                        .firstValue("x-upstream")
                        .map(u -> u.substring(u.lastIndexOf(' ') + 1))
                        .orElse(null);
                return new Outcome(
                        clientId, r.statusCode(), id, sends, upstream, r.statusCode() == 200 ? null : r.body());
            } catch (IOException connectionFailed) {
                failure = connectionFailed.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(clientId, -1, null, sends, null, "interrupted");
            }
        }
        return new Outcome(clientId, -1, null, sends, null, failure);
    }

    /** Requests answered 200 so far. */
    public int succeeded() {
        return succeeded.get();
    }

    /** Requests {@code replica} answered 200 so far. */
    public long answeredBy(Replica replica) {
        return outcomes.stream()
                .filter(o -> o.status() == 200 && o.answeredBy(replica))
                .count();
    }

    /**
     * Waits until {@code replica}, restarted, answers again: the balancer has put it back in rotation. A rolling
     * restart takes the next replica down only then, as an orchestrator waiting for readiness does; otherwise a
     * slow start leaves the balancer holding every replica as failed (nginx's {@code fail_timeout}) and it refuses
     * with "no live upstreams".
     *
     * @param before {@link #answeredBy(Replica)} once the replica had stopped
     */
    public void awaitAnswerFrom(Replica replica, long before) {
        Poll.until(
                () -> answeredBy(replica) > before,
                Duration.ofSeconds(30),
                "the balancer sends requests to replica " + replica.index() + " again");
    }

    /** Stops issuing, waits for the requests in flight, and returns every outcome. */
    public List<Outcome> finish() throws InterruptedException {
        stopped.set(true);
        for (Thread t : workers) {
            t.join(Duration.ofSeconds(60).toMillis());
        }
        return List.copyOf(outcomes);
    }

    /** Waits for the bound (count or time) to end the load; every outcome. */
    public List<Outcome> awaitEnd() throws InterruptedException {
        for (Thread t : workers) {
            t.join(Duration.ofSeconds(120).toMillis());
        }
        return finish();
    }
}
