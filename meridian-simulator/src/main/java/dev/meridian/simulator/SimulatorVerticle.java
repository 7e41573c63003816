package dev.meridian.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.AtomicInteger;

/** One server instance on its own event loop; several share the port when instances > 1. */
final class SimulatorVerticle extends VerticleBase {

    private final HttpServerOptions options;
    private final String host;
    private final int bindPort;
    private final RequestDispatcher dispatcher;
    private final AtomicInteger actualPort;
    private HttpServer server;

    SimulatorVerticle(
            HttpServerOptions options,
            String host,
            int bindPort,
            RequestDispatcher dispatcher,
            AtomicInteger actualPort) {
        this.options = options;
        this.host = host;
        this.bindPort = bindPort;
        this.dispatcher = dispatcher;
        this.actualPort = actualPort;
    }

    @Override
    public Future<?> start() {
        ResponseWriter writer = new ResponseWriter(vertx);
        server = vertx.createHttpServer(options).requestHandler(request -> dispatcher.handle(request, writer));
        return server.listen(bindPort, host).onSuccess(s -> actualPort.set(s.actualPort()));
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
