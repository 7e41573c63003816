package dev.meridian.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The caller's side of one request: its HTTP request and response, and the one owner of the connection's close
 * handler. Whichever part of the request path holds the request at the moment (the admission queue, the attempt
 * loop, the stream relay) says what leaving means with {@link #onLeave}; nobody else installs a close handler.
 * Confined to the request's event loop.
 */
public final class Caller {

    private final HttpServerRequest request;
    private Runnable onLeave;
    private boolean left;

    public Caller(HttpServerRequest request) {
        this.request = requireNonNull(request, "request");
        request.response().closeHandler(v -> leave());
    }

    public HttpServerRequest request() {
        return request;
    }

    public HttpServerResponse response() {
        return request.response();
    }

    /** True once the caller's connection closed. */
    public boolean gone() {
        return left || request.response().closed();
    }

    /**
     * What to do if the caller leaves from now on, replacing what was set before (null for nothing). When the
     * caller has already gone, {@code action} is not run: check {@link #gone()} first.
     */
    public void onLeave(Runnable action) {
        onLeave = action;
    }

    private void leave() {
        left = true;
        Runnable action = onLeave;
        onLeave = null;
        if (action != null) {
            action.run();
        }
    }
}
