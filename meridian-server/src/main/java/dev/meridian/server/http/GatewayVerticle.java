package dev.meridian.server.http;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.GatewayRuntime;
import dev.meridian.server.pipeline.AuthenticateStage;
import dev.meridian.server.pipeline.DecodeStage;
import dev.meridian.server.pipeline.Operation;
import dev.meridian.server.pipeline.Pipeline;
import dev.meridian.server.pipeline.ProviderCall;
import dev.meridian.server.pipeline.ReadBodyStage;
import dev.meridian.server.pipeline.ReplyWriter;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.RouteStage;
import dev.meridian.server.upstream.Deadlines;
import dev.meridian.server.upstream.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of the gateway: an HTTP server on the shared port, its own upstream clients, and
 * the request pipeline. One instance is deployed per event loop.
 *
 * <p>The request path, top to bottom: authenticate → read body → decode → route → provider call →
 * write reply → account (metrics, access log).
 */
public final class GatewayVerticle extends VerticleBase {

    private final GatewayRuntime runtime;
    private UpstreamClients clients;
    private Deadlines deadlines;
    private HttpServer server;
    private Pipeline pipeline;
    private ReplyWriter writer;

    public GatewayVerticle(GatewayRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Future<?> start() {
        clients = new UpstreamClients(vertx, runtime.routes().providers());
        deadlines = new Deadlines(vertx);
        pipeline = new Pipeline(List.of(
                new AuthenticateStage(runtime.authenticator()),
                new ReadBodyStage(runtime.config().server().maxBodySize()),
                new DecodeStage(),
                new RouteStage(runtime.routes())),
                new ProviderCall(deadlines, clients));
        writer = new ReplyWriter(ctx -> {
            runtime.metrics().finished(ctx);
            runtime.accessLog().log(ctx);
        });
        Router router = Router.router(vertx);
        router.post("/v1/chat/completions").handler(rc -> serve(Operation.CHAT, rc.request()));
        router.post("/v1/embeddings").handler(rc -> serve(Operation.EMBEDDINGS, rc.request()));
        ModelsEndpoint models = new ModelsEndpoint(runtime);
        router.get("/v1/models").handler(rc -> models.handle(rc.request()));
        router.get("/health/live").handler(rc -> Health.live(rc.response()));
        router.get("/health/ready").handler(rc -> Health.ready(runtime, rc.response()));
        router.get("/metrics").handler(rc -> rc.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(runtime.metrics().scrape()));
        router.errorHandler(404, rc -> ErrorResponses.send(rc.response(), GatewayException.of(ErrorCode.NOT_FOUND,
                "Unknown request URL: " + rc.request().method() + " " + rc.request().path() + ".")));
        router.errorHandler(405, rc -> ErrorResponses.send(rc.response(), GatewayException.of(
                ErrorCode.METHOD_NOT_ALLOWED, "Method " + rc.request().method() + " is not allowed for "
                        + rc.request().path() + ".")));
        router.errorHandler(500, rc -> ErrorResponses.send(rc.response(), GatewayException.of(ErrorCode.INTERNAL,
                "The gateway failed to process the request.")));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(runtime.config().server().host())
                .setPort(runtime.config().server().port())
                .setTcpNoDelay(true)
                .setMaxHeaderSize(32 * 1024)
                .setMaxInitialLineLength(8192)
                .setIdleTimeout(300)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        server = vertx.createHttpServer(options).requestHandler(router)
                .invalidRequestHandler(ErrorResponses::invalidHttp);
        return server.listen();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.actualPort();
    }

    private void serve(Operation operation, HttpServerRequest request) {
        RequestContext ctx = new RequestContext(RequestIds.of(request.getHeader("x-request-id")), System.nanoTime(),
                operation, request);
        runtime.metrics().started();
        if (!runtime.ready()) {
            writer.writeError(ctx, request.response(), GatewayException.builder(ErrorCode.SHUTTING_DOWN,
                    "The gateway is shutting down; retry on another instance.").retryAfter("1").build());
            return;
        }
        pipeline.run(ctx).onComplete(result -> writer.write(ctx, result));
    }

    @Override
    public Future<?> stop() {
        long graceMillis = runtime.config().server().shutdownGracePeriod().toMillis();
        return server.shutdown(graceMillis, TimeUnit.MILLISECONDS).eventually(() -> {
            deadlines.close();
            return clients.close();
        });
    }
}
