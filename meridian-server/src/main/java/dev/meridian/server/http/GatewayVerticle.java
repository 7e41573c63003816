package dev.meridian.server.http;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundProtocol;
import dev.meridian.core.protocol.anthropic.AnthropicCountTokensProtocol;
import dev.meridian.core.protocol.anthropic.AnthropicMessagesProtocol;
import dev.meridian.core.protocol.openai.OpenAiChatProtocol;
import dev.meridian.core.protocol.openai.OpenAiCompletionsProtocol;
import dev.meridian.core.protocol.openai.OpenAiEmbeddingsProtocol;
import dev.meridian.core.protocol.openai.responses.ResponsesProtocol;
import dev.meridian.server.admin.AdminApi;
import dev.meridian.server.attempt.AttemptLoop;
import dev.meridian.server.attempt.ProviderCall;
import dev.meridian.server.billing.VolumeBilling;
import dev.meridian.server.connection.SlowClientGuard;
import dev.meridian.server.journal.RequestLog;
import dev.meridian.server.pipeline.AuthenticateStage;
import dev.meridian.server.pipeline.Caller;
import dev.meridian.server.pipeline.Pipeline;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.RequestPipeline;
import dev.meridian.server.reply.ReplyWriter;
import dev.meridian.server.runtime.GatewayRuntime;
import dev.meridian.server.tls.CertificateReloader;
import dev.meridian.server.tls.PemMaterial;
import dev.meridian.server.tls.ServerTls;
import dev.meridian.server.upstream.Deadlines;
import dev.meridian.server.upstream.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One event loop's share of the gateway: an HTTP server on the shared port, its own upstream clients, and
 * the request pipeline. One instance is deployed per event loop.
 *
 * <p>Each route names its front door ({@link InboundProtocol}); the request path itself is
 * {@link RequestPipeline}, and what comes out of it goes to the {@link ReplyWriter}, then to accounting.
 */
public final class GatewayVerticle extends VerticleBase {

    private final GatewayRuntime runtime;
    private final CertificateReloader tls;
    private UpstreamClients clients;
    private Deadlines deadlines;
    private HttpServer server;
    private Pipeline pipeline;
    private ReplyWriter writer;
    private ModelsEndpoint models;
    private ResponsesEndpoint responses;
    private AdminApi admin;
    private volatile Duration shutdownTimeout;

    /** @param tls the listener's certificate, kept current; null for plain HTTP */
    public GatewayVerticle(GatewayRuntime runtime, CertificateReloader tls) {
        this.runtime = runtime;
        this.tls = tls;
        this.shutdownTimeout = runtime.config().server().shutdownGracePeriod();
    }

    /**
     * How long {@link #stop()} lets open connections finish before closing them (default: the grace period).
     * The server drains before undeploying, so it passes what is left of the grace period.
     */
    public void shutdownWithin(Duration timeout) {
        this.shutdownTimeout = timeout;
    }

    @Override
    public Future<?> start() {
        clients = new UpstreamClients(
                vertx, runtime.routes()::providers, runtime.config().server().shutdownGracePeriod());
        deadlines = new Deadlines(vertx);
        RequestLog requestLog = runtime.storage().requestLog();
        VolumeBilling billing = runtime.billing();
        Consumer<RequestContext> accounting = ctx -> {
            if (requestLog != null) {
                requestLog.record(ctx);
            }
            billing.count(ctx);
            runtime.residencyAudit().record(ctx);
            runtime.metrics().finished(ctx);
            runtime.accessLog().log(ctx);
        };
        pipeline = RequestPipeline.of(
                vertx,
                runtime.authenticator(),
                runtime.config().server().maxBodySize(),
                runtime.routes(),
                runtime.admission(),
                runtime.routingMetrics(),
                runtime.budgets().downgrade(),
                runtime.responseCache(),
                runtime.responses(),
                runtime.piiPolicies()::forTenant,
                new AttemptLoop(
                        vertx,
                        runtime.routes(),
                        new ProviderCall(deadlines, clients, runtime.tracing().calls()),
                        runtime.routingMetrics(),
                        runtime.attemptHooks()),
                ctx -> {
                    runtime.metrics().started(); // finished() counts it out of the in-flight gauge again
                    billing.decide(ctx);
                    accounting.accept(ctx);
                },
                runtime.tracing().assembly());
        writer = new ReplyWriter(accounting, billing::decide);
        models = new ModelsEndpoint(runtime);
        responses = new ResponsesEndpoint(new AuthenticateStage(runtime.authenticator()), runtime.responses());
        admin = new AdminApi(
                vertx,
                runtime.admin(),
                runtime.adminKey(),
                runtime.routes(),
                runtime.admission(),
                RequestIds::fresh,
                runtime.alerts(),
                runtime.responseCache(),
                new dev.meridian.server.admin.SecretsAdmin(runtime.routes(), runtime.credentials()),
                runtime.configControl(),
                runtime.config().server().tls().adminMutualTls(),
                runtime::storeChangedHere);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(runtime.config().server().host())
                .setPort(runtime.config().server().port())
                .setTcpNoDelay(true)
                .setTcpQuickAck(true)
                // No WebSockets here: without these, Netty inspects every response for a WebSocket extension.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setMaxHeaderSize(32 * 1024)
                .setMaxInitialLineLength(8192)
                // Vert.x's idle timeout would also cut a request waiting minutes for a slow model: idleness, like
                // the header and body-stall timeouts, is the connection guard's (see ConnectionGuards).
                .setIdleTimeout(0);
        PemMaterial material = tls == null ? null : tls.current();
        if (material != null) {
            ServerTls.apply(options, material);
        }
        server = vertx.createHttpServer(options)
                .connectionHandler(SlowClientGuard::attach)
                .requestHandler(this::dispatch)
                .invalidRequestHandler(ErrorResponses::invalidHttp);
        return server.listen().onSuccess(s -> {
            if (material != null) {
                tls.serve(s, material);
            }
        });
    }

    /** The gateway's few routes, matched directly: a router's generality costs on every request. */
    private void dispatch(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        switch (path) {
            case "/v1/chat/completions" -> {
                if (allowed(request, method, HttpMethod.POST)) {
                    serve(OpenAiChatProtocol.INSTANCE, request);
                }
            }
            case "/v1/completions" -> {
                if (allowed(request, method, HttpMethod.POST)) {
                    serve(OpenAiCompletionsProtocol.INSTANCE, request);
                }
            }
            case "/v1/embeddings" -> {
                if (allowed(request, method, HttpMethod.POST)) {
                    serve(OpenAiEmbeddingsProtocol.INSTANCE, request);
                }
            }
            case "/v1/responses" -> {
                if (allowed(request, method, HttpMethod.POST)) {
                    serve(ResponsesProtocol.INSTANCE, request);
                }
            }
            case "/v1/messages" -> serveAnthropic(AnthropicMessagesProtocol.INSTANCE, request, method);
            case "/v1/messages/count_tokens" -> serveAnthropic(AnthropicCountTokensProtocol.INSTANCE, request, method);
            case "/v1/models" -> {
                if (allowed(request, method, HttpMethod.GET)) {
                    models.handle(request);
                }
            }
            case "/health/live" -> {
                if (allowed(request, method, HttpMethod.GET)) {
                    Health.live(request.response());
                }
            }
            case "/health/ready" -> {
                if (allowed(request, method, HttpMethod.GET)) {
                    Health.ready(runtime, request.response());
                }
            }
            case "/metrics" -> {
                if (allowed(request, method, HttpMethod.GET)) {
                    request.response()
                            .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                            .end(runtime.metrics().scrape());
                }
            }
            default -> {
                if (path.startsWith(ResponsesEndpoint.PREFIX)) {
                    responses.handle(request);
                    return;
                }
                if (path.startsWith(AdminApi.PREFIX + "/")) {
                    long start = System.nanoTime();
                    request.response().endHandler(v -> runtime.accessLog().admin(request, start));
                    admin.handle(request);
                    return;
                }
                GatewayException unknown =
                        GatewayException.of(ErrorCode.NOT_FOUND, "Unknown request URL: " + method + " " + path + ".");
                if (path.startsWith("/v1/messages/")) {
                    // Anthropic's other Messages routes (batches): the SDKs read the answer in their own shape
                    ErrorResponses.send(request.response(), unknown, AnthropicMessagesProtocol.INSTANCE);
                } else {
                    ErrorResponses.send(request.response(), unknown);
                }
            }
        }
    }

    /** Anthropic's Messages routes: POST only, refused in Anthropic's error shape otherwise. */
    private void serveAnthropic(InboundProtocol door, HttpServerRequest request, HttpMethod method) {
        if (method.equals(HttpMethod.POST)) {
            serve(door, request);
        } else {
            request.response().putHeader("allow", "POST");
            ErrorResponses.send(request.response(), notAllowed(request, method, HttpMethod.POST), door);
        }
    }

    private static GatewayException notAllowed(HttpServerRequest request, HttpMethod actual, HttpMethod expected) {
        return GatewayException.of(
                ErrorCode.METHOD_NOT_ALLOWED,
                "Method " + actual + " is not allowed for " + request.path() + "; use " + expected + ".");
    }

    private static boolean allowed(HttpServerRequest request, HttpMethod actual, HttpMethod expected) {
        if (actual.equals(expected)) {
            return true;
        }
        request.response().putHeader("allow", expected.name());
        ErrorResponses.send(request.response(), notAllowed(request, actual, expected));
        return false;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** Runs a request that came through {@code door} down the pipeline, and writes what comes out. */
    private void serve(InboundProtocol door, HttpServerRequest request) {
        RequestContext ctx = new RequestContext(
                RequestIds.fresh(),
                System.nanoTime(),
                door,
                new Caller(request),
                RequestIds.client(request.getHeader("x-request-id")));
        runtime.metrics().started();
        if (!runtime.ready()) {
            writer.writeError(
                    ctx,
                    GatewayException.builder(
                                    ErrorCode.SHUTTING_DOWN, "The gateway is shutting down; retry on another instance.")
                            .retryAfter("1")
                            .build());
            return;
        }
        pipeline.run(ctx).onComplete(result -> writer.write(ctx, result));
    }

    @Override
    public Future<?> stop() {
        return server.shutdown(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .eventually(() -> {
                    deadlines.close();
                    return clients.close();
                });
    }
}
