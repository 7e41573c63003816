package dev.meridian.simulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.simulator.engine.DirectiveSyntax;
import dev.meridian.simulator.engine.Directives;
import dev.meridian.simulator.engine.ProviderError;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A queued fault: {@link Directives} applied to the next {@code times} requests whose path starts
 * with {@code pathPrefix} and whose model is {@code model} (either may be empty: any).
 *
 * <pre>{@code
 * sim.faults().enqueue(
 *     Fault.status(429).retryAfter(2).onPath("/v1/messages").times(2),
 *     Fault.of(Directives.NONE.withCutAfter(3)).forModel("gpt-4o-mini"));
 * }</pre>
 *
 * @param times how many requests it applies to, or {@link #FOREVER}
 */
public record Fault(Optional<String> pathPrefix, Optional<String> model, int times, Directives directives) {

    /** {@code times} value of a fault that applies until the queue is cleared. */
    public static final int FOREVER = -1;

    private static final Set<String> MATCH_FIELDS = Set.of("path", "model", "times");

    /** @throws IllegalArgumentException if {@code times} is neither positive nor {@link #FOREVER} */
    public Fault {
        requireNonNull(pathPrefix, "pathPrefix");
        requireNonNull(model, "model");
        requireNonNull(directives, "directives");
        if (times < 1 && times != FOREVER) {
            throw new IllegalArgumentException("times must be >= 1 or Fault.FOREVER, got " + times);
        }
    }

    /** Applies {@code directives} once, to any request. */
    public static Fault of(Directives directives) {
        return new Fault(Optional.empty(), Optional.empty(), 1, directives);
    }

    /** An error with this HTTP status, in the protocol's own error shape. */
    public static Fault status(int httpStatus) {
        return of(Directives.NONE.withStatus(httpStatus));
    }

    /** The provider's real refusal of that class (context window, content policy), in the protocol's shape. */
    public static Fault error(ProviderError kind) {
        return of(Directives.NONE.withError(kind));
    }

    /** Accepts the request and never answers. */
    public static Fault hang() {
        return of(Directives.NONE.withHang());
    }

    /** Waits before sending the response headers. */
    public static Fault delay(Duration delay) {
        return of(Directives.NONE.withDelayMs(Math.toIntExact(delay.toMillis())));
    }

    /** Closes the connection after {@code events} stream events (after that many body bytes otherwise). */
    public static Fault cutAfter(int events) {
        return of(Directives.NONE.withCutAfter(events));
    }

    /** Answers 200 with a body (or one stream event) that is not valid JSON. */
    public static Fault malformed() {
        return of(Directives.NONE.withMalformed());
    }

    public Fault retryAfter(int seconds) {
        return with(d -> d.withRetryAfterSeconds(seconds));
    }

    /** This fault with more directives: {@code Fault.status(503).with(d -> d.withDelayMs(100))}. */
    public Fault with(UnaryOperator<Directives> change) {
        return new Fault(pathPrefix, model, times, change.apply(directives));
    }

    public Fault onPath(String prefix) {
        return new Fault(Optional.of(prefix), model, times, directives);
    }

    public Fault forModel(String modelName) {
        return new Fault(pathPrefix, Optional.of(modelName), times, directives);
    }

    public Fault times(int count) {
        return new Fault(pathPrefix, model, count, directives);
    }

    public Fault forever() {
        return times(FOREVER);
    }

    /** Whether this fault applies to a request to {@code path} for {@code requestModel}. */
    public boolean matches(String path, String requestModel) {
        return pathPrefix.map(path::startsWith).orElse(true)
                && model.map(m -> m.equals(requestModel)).orElse(true);
    }

    /**
     * A fault from the control API's JSON: optional {@code path}, {@code model}, {@code times}
     * (default 1, -1 for ever) and the directive names ({@code "status": 429, "hang": true, ...}).
     *
     * @throws IllegalArgumentException for an unknown field or a bad value
     */
    public static Fault fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a fault is a JSON object");
        }
        Optional<String> path = Optional.ofNullable(json.path("path").textValue());
        Optional<String> model = Optional.ofNullable(json.path("model").textValue());
        int times = json.path("times").asInt(1);
        return new Fault(path, model, times, DirectiveSyntax.fromJson(json, MATCH_FIELDS));
    }

    /** The control API's JSON form of this fault. */
    public ObjectNode toJson() {
        ObjectNode json = DirectiveSyntax.toJson(directives);
        pathPrefix.ifPresent(p -> json.put("path", p));
        model.ifPresent(m -> json.put("model", m));
        json.put("times", times);
        return json;
    }
}
