package dev.meridian.server.pipeline;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import dev.meridian.core.protocol.openai.OpenAiPassThrough;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.routing.Route;
import io.vertx.core.http.HttpServerRequest;

import static java.util.Objects.requireNonNull;

/**
 * Everything one request carries through the pipeline, in named, typed fields. Each stage fills in its part.
 * Confined to the event loop that received the request; not thread-safe.
 */
public final class RequestContext {

    private final String requestId;
    private final long startNanos;
    private final Operation operation;
    private final HttpServerRequest request;

    /** Set by authentication. */
    public Principal principal;
    /** The caller's body, set once read. */
    public byte[] body;
    /** The public model name the caller asked for; null until decoded. */
    public String model;
    /** What routing read from the caller's body: kept so a pass-through does not read it again. */
    public OpenAiPassThrough.Scan scan;
    public boolean stream;
    public boolean callerWantsUsage;
    /** Set by routing. */
    public Route route;
    /** Whether the body passed through to a same-protocol provider. */
    public boolean passThrough;

    /** Timestamps (System.nanoTime), 0 when not reached. */
    public long upstreamSentNanos;
    public long upstreamHeadNanos;
    /** When the provider's answer was in hand: the whole body, or a stream's first chunk. */
    public long upstreamAnswerNanos;
    /** When the first byte of the answer was written to the caller. */
    public long callerFirstByteNanos;
    /** When the first content (token, tool call) of a stream was written to the caller. */
    public long firstTokenNanos;
    public long endNanos;

    /** The outcome, filled in as the answer is written. */
    public int status;
    public Usage usage;
    public String servedModel;
    public GatewayException error;

    public RequestContext(String requestId, long startNanos, Operation operation, HttpServerRequest request) {
        this.requestId = requireNonNull(requestId, "requestId");
        this.startNanos = startNanos;
        this.operation = requireNonNull(operation, "operation");
        this.request = requireNonNull(request, "request");
    }

    public String requestId() {
        return requestId;
    }

    public long startNanos() {
        return startNanos;
    }

    public Operation operation() {
        return operation;
    }

    public HttpServerRequest request() {
        return request;
    }
}
