package dev.meridian.server.pipeline;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.EmbeddingRequest;
import dev.meridian.core.model.Usage;
import dev.meridian.core.protocol.openai.OpenAiRequestDecoder;
import dev.meridian.core.protocol.openai.OpenAiPassThrough;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.routing.Route;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** The deployment whose answer the caller gets, set by routing. */
    public Route route;
    /** Whether the body passed through to a same-protocol provider. */
    public boolean passThrough;
    /** Routing's account: the model group and deployment that served, and the attempts made. */
    public String servedGroup;
    public String deployment;
    /** The serving deployment's region and price (null when not configured). */
    public String region;
    public dev.meridian.core.routing.ModelPrice price;
    public int attempts;
    /** Fallback groups moved to. */
    public int fallbacks;
    /** The answer's body, kept only for tenants that store bodies in the request log. */
    public String completionBody;
    /** Response headers added by stages (routing decisions), written on answers and errors alike. */
    public final Map<String, String> responseHeaders = new LinkedHashMap<>(8);

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

    private ChatRequest chatRequest;
    private EmbeddingRequest embeddingRequest;
    private List<Runnable> completions;
    private StringBuilder streamed;

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

    /** The caller's chat request, decoded once however many attempts translate it. */
    public ChatRequest chatRequest() {
        if (chatRequest == null) {
            chatRequest = OpenAiRequestDecoder.decodeChat(body);
        }
        return chatRequest;
    }

    /** The caller's embeddings request, decoded once. */
    public EmbeddingRequest embeddingRequest() {
        if (embeddingRequest == null) {
            embeddingRequest = OpenAiRequestDecoder.decodeEmbeddings(body);
        }
        return embeddingRequest;
    }

    /** The attempt whose answer goes to the caller: its deployment, timings and what it read become the request's. */
    public void adopt(Attempt attempt) {
        route = attempt.route;
        passThrough = attempt.passThrough;
        upstreamSentNanos = attempt.sentNanos;
        upstreamHeadNanos = attempt.headNanos;
        upstreamAnswerNanos = attempt.answerNanos;
        usage = attempt.usage;
        servedModel = attempt.servedModel;
    }

    /** The most of an answer kept for the request log (1 MiB); the rest is cut and marked. */
    private static final int MAX_KEPT_COMPLETION = 1 << 20;

    /** Keeps what a stream sent the caller, as it was sent (the SSE text), for tenants that store bodies. */
    public void keepCompletion(io.vertx.core.buffer.Buffer sent) {
        if (streamed == null) {
            streamed = new StringBuilder(4096);
        }
        int room = MAX_KEPT_COMPLETION - streamed.length();
        if (room > 0) {
            String text = sent.toString(java.nio.charset.StandardCharsets.UTF_8);
            streamed.append(text, 0, Math.min(room, text.length()));
            if (text.length() > room) {
                streamed.append("\n[truncated by Meridian]");
            }
        }
    }

    /** The answer kept for the request log: the body, or what the stream sent; null when none was kept. */
    public String completion() {
        return completionBody != null ? completionBody : streamed == null ? null : streamed.toString();
    }

    /** Runs {@code action} once the request is over (answered, failed or abandoned by the caller). */
    public void whenDone(Runnable action) {
        if (completions == null) {
            completions = new ArrayList<>(2);
        }
        completions.add(action);
    }

    /** Called once, when the request is over. */
    void runCompletions() {
        if (completions != null) {
            for (Runnable r : completions) {
                r.run();
            }
            completions = null;
        }
    }
}
