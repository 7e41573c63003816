package dev.meridian.simulator;

import static java.util.Objects.requireNonNull;

import dev.meridian.simulator.anthropic.AnthropicHandler;
import dev.meridian.simulator.engine.ProtocolHandler;
import dev.meridian.simulator.engine.SimContext;
import dev.meridian.simulator.gemini.GeminiHandler;
import dev.meridian.simulator.openai.AzureOpenAiHandler;
import dev.meridian.simulator.openai.OpenAiHandler;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running provider simulator: one HTTP(S) port that answers the OpenAI, Azure OpenAI, Anthropic
 * and Gemini APIs.
 *
 * <pre>{@code
 * try (ProviderSimulator sim = ProviderSimulator.start(SimulatorOptions.defaults())) {
 *   String openAiBase = sim.openAiBaseUrl();          // http://127.0.0.1:<port>/v1
 *   sim.faults().enqueue(Fault.status(429).retryAfter(1));
 *   ... call it ...
 *   assertThat(sim.received()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Routes: {@code /v1/chat/completions}, {@code /v1/responses}, {@code /v1/embeddings}, {@code /v1/models} (OpenAI);
 * {@code /openai/deployments/{d}/...}, {@code /openai/v1/...} (Azure); {@code /v1/messages},
 * {@code /v1/messages/count_tokens} (Anthropic; {@code /v1/models} with an {@code anthropic-version}
 * or {@code x-api-key} header); {@code /v1beta/models/...} (Gemini); {@code /_sim/...} (control).
 *
 * <p>Thread-safe. Closing is idempotent; a simulator started on a caller's {@link Vertx} leaves it
 * open.
 */
public final class ProviderSimulator implements Simulator {

    private static final long START_TIMEOUT_SECONDS = 30;
    private static final AtomicInteger SHARED_PORT_IDS = new AtomicInteger();

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final String deploymentId;
    private final SimulatorOptions options;
    private final int port;
    private final FaultQueue faults;
    private final RequestLog log;
    private final Optional<Path> certificate;
    private final AtomicInteger closed = new AtomicInteger();

    private ProviderSimulator(
            Vertx vertx,
            boolean ownsVertx,
            String deploymentId,
            SimulatorOptions options,
            int port,
            FaultQueue faults,
            RequestLog log,
            Optional<Path> certificate) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.deploymentId = deploymentId;
        this.options = options;
        this.port = port;
        this.faults = faults;
        this.log = log;
        this.certificate = certificate;
    }

    /** Starts a simulator with {@link SimulatorOptions#defaults()}; blocks until it listens. */
    public static ProviderSimulator start() {
        return start(SimulatorOptions.defaults());
    }

    /**
     * Starts a simulator on its own Vert.x instance and blocks until it listens.
     *
     * @throws IllegalStateException if it cannot bind within 30 seconds, or if called on an event loop
     */
    public static ProviderSimulator start(SimulatorOptions options) {
        requireNonNull(options, "options");
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setPreferNativeTransport(true));
        try {
            return start(vertx, options, true).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
            vertx.close();
            throw new IllegalStateException(
                    "provider simulator failed to start on " + options.host() + ":" + options.port(), e);
        }
    }

    /** Starts a simulator on {@code vertx}, which the simulator will not close. */
    public static Future<ProviderSimulator> start(Vertx vertx, SimulatorOptions options) {
        return start(vertx, options, false);
    }

    private static Future<ProviderSimulator> start(Vertx vertx, SimulatorOptions options, boolean ownsVertx) {
        requireNonNull(vertx, "vertx");
        requireNonNull(options, "options");
        SimContext context = SimContext.of(options.apiKey(), options.models());
        List<ProtocolHandler> handlers = List.of(
                new AzureOpenAiHandler(context),
                new GeminiHandler(context),
                new AnthropicHandler(context),
                new OpenAiHandler(context));
        FaultQueue faults = new FaultQueue();
        RequestLog log = new RequestLog(options.recording() ? options.recordLimit() : 0);
        RequestDispatcher dispatcher = new RequestDispatcher(handlers, faults, log, options.recording());
        HttpServerOptions http = new HttpServerOptions().setHandle100ContinueAutomatically(true);
        Optional<Path> certificate = Optional.empty();
        if (options.tls()) {
            SelfSignedCertificate self = SelfSignedCertificate.create("localhost");
            http.setSsl(true)
                    .setKeyCertOptions(self.keyCertOptions())
                    .setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
            certificate = Optional.of(Path.of(self.certificatePath()));
        }
        // Vert.x gives each server on port 0 its own port; a negative port is one random port shared
        // by the servers asking for that same negative number, i.e. by this simulator's instances.
        int bindPort = options.port() == 0 ? -1 - SHARED_PORT_IDS.getAndIncrement() % 60_000 : options.port();
        AtomicInteger actualPort = new AtomicInteger();
        Optional<Path> cert = certificate;
        return vertx.deployVerticle(
                        () -> new SimulatorVerticle(http, options.host(), bindPort, dispatcher, actualPort),
                        new DeploymentOptions().setInstances(options.instances()))
                .map(id -> new ProviderSimulator(vertx, ownsVertx, id, options, actualPort.get(), faults, log, cert));
    }

    /** The port the simulator listens on. */
    @Override
    public int port() {
        return port;
    }

    public SimulatorOptions options() {
        return options;
    }

    /** {@code http://127.0.0.1:<port>} (or {@code https://}); a wildcard bind address reads as loopback. */
    @Override
    public String baseUrl() {
        String host = options.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("::")) {
            host = "[::1]";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return (options.tls() ? "https://" : "http://") + host + ":" + port;
    }

    /** Base URL for OpenAI SDKs (they append {@code /chat/completions}): {@code baseUrl() + "/v1"}. */
    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** Azure OpenAI endpoint (SDKs append {@code /openai/...}): {@code baseUrl()}. */
    public String azureEndpoint() {
        return baseUrl();
    }

    /** Base URL for Anthropic SDKs (they append {@code /v1/messages}): {@code baseUrl()}. */
    public String anthropicBaseUrl() {
        return baseUrl();
    }

    /** Gemini API root including the version: {@code baseUrl() + "/v1beta"}. */
    public String geminiBaseUrl() {
        return baseUrl() + "/v1beta";
    }

    /** The PEM file of the self-signed certificate when TLS is on, for clients that must trust it. */
    public Optional<Path> certificatePath() {
        return certificate;
    }

    /** The queue of faults to inject into coming requests. */
    public FaultQueue faults() {
        return faults;
    }

    /** The recorded requests, oldest first (empty when recording is off). */
    public List<RecordedRequest> received() {
        return log.snapshot();
    }

    /** Forgets the recorded requests. */
    public void clearReceived() {
        log.clear();
    }

    /** Stops listening (and closes the simulator's own Vert.x, if it has one). */
    public Future<Void> closeAsync() {
        if (closed.getAndIncrement() > 0) {
            return Future.succeededFuture();
        }
        // Closing an owned Vert.x undeploys the servers too; chaining both would complete the future on
        // an event loop that no longer runs.
        return ownsVertx ? vertx.close() : vertx.undeploy(deploymentId);
    }

    /**
     * Stops listening and waits up to 30 seconds for it.
     *
     * @throws IllegalStateException if called on an event loop (use {@link #closeAsync()} there)
     */
    @Override
    public void close() {
        try {
            closeAsync().await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("provider simulator did not stop in time", e);
        }
    }
}
