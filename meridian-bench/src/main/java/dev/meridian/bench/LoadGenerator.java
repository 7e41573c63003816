package dev.meridian.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP/1.1 load generator on one Vert.x event loop (one core's worth at most, so it leaves the
 * other to the servers): {@code connections} callers on as many keep-alive connections, each sending its
 * next request as soon as the previous answer has fully arrived. Latencies are recorded in microseconds:
 * to the end of the answer and, for streams, to its first body byte. Only answers that end inside the
 * measurement window count; everything before it is warm-up.
 */
final class LoadGenerator implements AutoCloseable {

    /** Highest latency recorded without clipping: 60 s in µs. */
    private static final long MAX_MICROS = 60_000_000L;

    /** Numbers the unique targets' requests, across every run of this process (one gateway sees them all). */
    private static final java.util.concurrent.atomic.AtomicLong UNIQUE = new java.util.concurrent.atomic.AtomicLong();

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Vertx vertx = Vertx.vertx(new VertxOptions()
            .setEventLoopPoolSize(1)
            .setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1)
            .setPreferNativeTransport(false));

    /** What one measurement window saw. */
    record Result(
            long requests,
            long errors,
            double seconds,
            Histogram latency,
            Histogram firstByte,
            long responseBytes,
            String firstError) {

        double perSecond() {
            return requests / seconds;
        }
    }

    /**
     * Sees every answer as it ends, window or not, on the generator's event loop (so it must not block).
     * {@code status} is -1 and {@code headers} null when no response head arrived; {@code error} is null for a
     * good answer (200, and a stream that ended with [DONE]).
     */
    @FunctionalInterface
    interface Observer {
        Observer NONE = (start, end, status, headers, error) -> {};

        void answered(long startNanos, long endNanos, int status, MultiMap headers, String error);
    }

    Run start(Target target, Scenario scenario, int connections, long maxRequests) {
        return start(target, scenario, connections, maxRequests, Observer.NONE);
    }

    Run start(Target target, Scenario scenario, int connections, long maxRequests, Observer observer) {
        Run run = new Run(target, scenario, connections, maxRequests, observer);
        vertx.runOnContext(v -> run.launch());
        return run;
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    private static void await(io.vertx.core.Future<Void> f) {
        try {
            f.await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out closing the load generator", e);
        }
    }

    /** One load run: warm-up from {@link LoadGenerator#start}, then one window, then {@link #stop()}. */
    final class Run {
        private final Scenario scenario;
        private final int connections;
        private final long maxRequests;
        private final Observer observer;
        private final HttpClientAgent client;
        private final RequestOptions options;
        private final byte[] template;
        private final int uniqueAt;
        private final Buffer body;
        private final Histogram latency = new Histogram(MAX_MICROS, 3);
        private final Histogram firstByte = new Histogram(MAX_MICROS, 3);
        private final CompletableFuture<Void> drained = new CompletableFuture<>();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private volatile long windowStart = Long.MAX_VALUE;
        private volatile long windowEnd = Long.MAX_VALUE;
        private volatile boolean stopping;
        private long windowStartedAt;
        private long windowEndedAt;
        private int active;
        private long sent;
        private long requests;
        private long errors;
        private long responseBytes;

        private Run(Target target, Scenario scenario, int connections, long maxRequests, Observer observer) {
            this.scenario = scenario;
            this.connections = connections;
            this.maxRequests = maxRequests;
            this.observer = observer;
            this.client = vertx.createHttpClient(
                    new HttpClientOptions()
                            .setKeepAlive(true)
                            .setKeepAliveTimeout(300)
                            .setTcpNoDelay(true)
                            .setDecompressionSupported(false)
                            .setMaxInitialLineLength(8192),
                    new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
            this.options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost("127.0.0.1")
                    .setPort(target.port())
                    .setURI("/v1/chat/completions")
                    .setIdleTimeout(30_000)
                    .putHeader("authorization", "Bearer " + target.apiKey())
                    .putHeader("content-type", "application/json")
                    // What the gateway sends upstream for streams; the fixed-answer nginx picks its answer by it.
                    .putHeader("accept", scenario.stream() ? "text/event-stream" : "application/json");
            this.template = scenario.body(target.model(), target.unique());
            this.uniqueAt = target.unique() ? Scenario.uniqueOffset(template) : -1;
            this.body = Buffer.buffer(template);
        }

        /** The next request's body: the same bytes, or for a unique target a fresh number in its marker. */
        private Buffer nextBody() {
            if (uniqueAt < 0) {
                return body;
            }
            byte[] b = template.clone();
            long n = UNIQUE.incrementAndGet();
            for (int i = Scenario.UNIQUE_DIGITS - 1; i >= 0; i--, n /= 10) {
                b[uniqueAt + i] = (byte) ('0' + n % 10);
            }
            return Buffer.buffer(b);
        }

        private void launch() {
            active = connections;
            for (int i = 0; i < connections; i++) {
                fire();
            }
        }

        private void fire() {
            if (stopping || sent >= maxRequests) {
                if (--active == 0) {
                    drained.complete(null);
                }
                return;
            }
            sent++;
            long start = System.nanoTime();
            Buffer next = nextBody();
            client.request(options).compose(req -> req.send(next)).onComplete(ar -> {
                if (ar.failed()) {
                    failed(start, -1, null, ar.cause().toString());
                    return;
                }
                read(ar.result(), start);
            });
        }

        private void read(HttpClientResponse response, long start) {
            Answer answer = new Answer();
            response.handler(chunk -> {
                if (answer.firstByte == 0) {
                    answer.firstByte = System.nanoTime();
                }
                answer.append(chunk);
            });
            response.exceptionHandler(err -> failed(start, response.statusCode(), response.headers(), err.toString()));
            response.endHandler(v -> {
                long end = System.nanoTime();
                boolean ok = response.statusCode() == 200 && (!scenario.stream() || answer.endsWith(DONE));
                if (!ok) {
                    failed(
                            start,
                            response.statusCode(),
                            response.headers(),
                            response.statusCode() == 200 ? "stream without [DONE]" : "status " + response.statusCode());
                    return;
                }
                observer.answered(start, end, 200, response.headers(), null);
                if (end >= windowStart && end < windowEnd) {
                    requests++;
                    responseBytes += answer.bytes;
                    latency.recordValue(Math.min(MAX_MICROS, (end - start) / 1000));
                    if (scenario.stream()) {
                        firstByte.recordValue(Math.min(MAX_MICROS, (answer.firstByte - start) / 1000));
                    }
                }
                fire();
            });
        }

        private void failed(long start, int status, MultiMap headers, String why) {
            long now = System.nanoTime();
            observer.answered(start, now, status, headers, why);
            if (now >= windowStart && now < windowEnd) {
                errors++;
            }
            firstError.compareAndSet(null, why);
            // Back off a little so a refused connection does not spin the event loop.
            vertx.setTimer(1, id -> fire());
        }

        /** Starts the measurement window now (call from the bench thread, right before reading CPU times). */
        void beginWindow() {
            windowStartedAt = System.nanoTime();
            windowStart = windowStartedAt;
        }

        /** Ends the measurement window now (call right after reading CPU times). */
        void endWindow() {
            windowEndedAt = System.nanoTime();
            windowEnd = windowEndedAt;
        }

        /** Stops sending, waits for the answers in flight, closes the connections and returns the window's numbers. */
        Result stop() {
            stopping = true;
            try {
                drained.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("load generator did not drain within 60 s", e);
            }
            await(client.close());
            // The event loop wrote these fields; the completed future orders those writes before these reads.
            return new Result(
                    requests,
                    errors,
                    (windowEndedAt - windowStartedAt) / 1e9,
                    latency,
                    firstByte,
                    responseBytes,
                    firstError.get());
        }
    }

    /** The size and last bytes of one answer, enough to check that a stream ended with OpenAI's [DONE]. */
    private static final class Answer {
        long firstByte;
        long bytes;
        final byte[] tail = new byte[DONE.length];
        int tailLength;

        void append(Buffer chunk) {
            int n = chunk.length();
            bytes += n;
            if (n >= tail.length) {
                chunk.getBytes(n - tail.length, n, tail, 0);
                tailLength = tail.length;
                return;
            }
            int keep = Math.min(tailLength, tail.length - n);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            chunk.getBytes(0, n, tail, keep);
            tailLength = keep + n;
        }

        boolean endsWith(byte[] suffix) {
            return tailLength == suffix.length && java.util.Arrays.equals(tail, suffix);
        }
    }
}
