package dev.meridian.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.protocol.openai.OpenAiEmbeddingsProtocol;
import dev.meridian.server.routing.RoutePlan;
import dev.meridian.server.routing.RouteTable;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Embeds a prompt for the semantic cache by a request the gateway makes to itself: an OpenAI embeddings request
 * for the configured embeddings group, run through the same attempt loop as a caller's (the group's deployments,
 * retries, fallbacks, breakers and health, and the attempt hooks, so the caller's budgets and rate limits are
 * charged for it), on behalf of the caller (its principal and residency rule: the prompt goes nowhere the caller's
 * own request could not). Once over it is accounted like any request: its own request-log record, id
 * {@code <caller's id>-embed}, with its tokens and cost, in the usage reports and metrics as a request for the
 * embeddings group. Confined to the caller's event loop.
 */
final class PromptEmbedder {

    private final RouteTable table;
    private final Stage.Next attempts;
    private final Consumer<RequestContext> accounting;

    /**
     * @param attempts   the pipeline's attempt loop
     * @param accounting what the reply writer does with a finished request (request log, billing, metrics)
     */
    PromptEmbedder(RouteTable table, Stage.Next attempts, Consumer<RequestContext> accounting) {
        this.table = table;
        this.attempts = attempts;
        this.accounting = accounting;
    }

    /**
     * The embedding of {@code text} by {@code group}; fails when the call fails (the lookup is then a miss).
     *
     * @param dimensions the vector size to ask for, or null for the model's own
     */
    Future<float[]> embed(RequestContext caller, String group, Integer dimensions, String text) {
        RequestContext call;
        try {
            call = context(caller, group, dimensions, text);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return attempts.run(call).transform(ar -> {
            caller.caller().onLeave(null); // the attempt loop's leave action was the embedding's
            if (ar.failed()) {
                GatewayException e = Failures.asGatewayError(ar.cause());
                done(call, new RequestContext.Outcome(e.status(), null, null, e, null));
                return Future.failedFuture(e);
            }
            if (!(ar.result() instanceof Reply.Complete answer) || answer.status() != 200) {
                GatewayException e = GatewayException.of(ErrorCode.UPSTREAM_ERROR, "The embedding call streamed.");
                done(call, new RequestContext.Outcome(502, null, null, e, null));
                return Future.failedFuture(e);
            }
            done(call, new RequestContext.Outcome(200, answer.usage(), answer.model(), null, null));
            try {
                return Future.succeededFuture(vector(answer.body().getBytes()));
            } catch (IOException | RuntimeException e) {
                return Future.failedFuture(e);
            }
        });
    }

    private RequestContext context(RequestContext caller, String group, Integer dimensions, String text) {
        ObjectNode request =
                Json.object().put("model", group).put("input", text).put("encoding_format", "float");
        if (dimensions != null) {
            request.put("dimensions", dimensions);
        }
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        RequestContext call = new RequestContext(
                caller.requestId() + "-embed",
                System.nanoTime(),
                OpenAiEmbeddingsProtocol.INSTANCE,
                caller.caller(),
                caller.clientRequestId());
        call.principal(caller.principal());
        call.body(body);
        call.inbound(call.door().read(body));
        call.residencyRule(caller.residencyRule());
        call.plan(new RoutePlan(
                table.group(group), List.of(), null, null, caller.plan().location()));
        return call;
    }

    private void done(RequestContext call, RequestContext.Outcome outcome) {
        call.finish(outcome, System.nanoTime());
        accounting.accept(call);
    }

    /** The first embedding of an OpenAI embeddings answer. */
    static float[] vector(byte[] answer) throws IOException {
        JsonNode values = Json.parse(answer).path("data").path(0).path("embedding");
        if (!values.isArray() || values.isEmpty()) {
            throw new IOException("the embeddings answer holds no embedding");
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.get(i).asDouble();
        }
        return v;
    }
}
