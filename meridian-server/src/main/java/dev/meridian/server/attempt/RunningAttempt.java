package dev.meridian.server.attempt;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.FailureClass;
import dev.meridian.server.attempt.AttemptHook.AttemptInfo;
import dev.meridian.server.attempt.AttemptHook.Result;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.server.routing.RoutingMetrics;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call in flight and its bookkeeping once it ends, whichever way: the deployment's breaker, load and latency,
 * the routing metrics, and the attempt hooks, each told exactly once. Confined to the request's event loop.
 */
final class RunningAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(RunningAttempt.class);

    final Deployment<Route> deployment;
    final Attempt attempt;
    final ModelGroup group;
    final AttemptInfo info;
    private final CircuitBreaker.Permit permit;
    private final RequestContext ctx;
    private final RoutingMetrics metrics;
    private final AttemptHooks hooks;

    RunningAttempt(
            Deployment<Route> deployment,
            Attempt attempt,
            ModelGroup group,
            CircuitBreaker.Permit permit,
            AttemptInfo info,
            RequestContext ctx,
            RoutingMetrics metrics,
            AttemptHooks hooks) {
        this.deployment = deployment;
        this.attempt = attempt;
        this.group = group;
        this.permit = permit;
        this.info = info;
        this.ctx = ctx;
        this.metrics = metrics;
        this.hooks = hooks;
        ctx.reached(new RequestContext.Reached(deployment.id(), deployment.region(), deployment.country()));
    }

    /**
     * The usage of a call the provider received but whose answer never reached the caller and whose usage it never
     * reported (a timeout, a cut answer, a hedged stream, a call the caller left): its prompt was read and is
     * billed, estimated at a token per four bytes of the request body (OpenAI's rule of thumb; nothing is tokenized
     * on the event loop). Output it may have generated is unknown: a lower bound. The request log and the budgets
     * count the same estimate, so a budget read back from the log after a restart agrees with the one counted live.
     */
    private Usage unanswered() {
        long prompt = ctx.body() == null ? 0 : ctx.body().length / 4;
        Usage usage = new Usage(prompt, 0, 0, 0, 0);
        if (deployment.price() != null) {
            ctx.addAttemptSpend(deployment.price().cost(usage));
        }
        return usage;
    }

    /** Its answer goes to the caller: the request adopts it, and the hooks hear once the answer is complete. */
    void won(long now) {
        deployment.breaker().onSuccess(now, permit);
        if (deployment.health().requestSucceeded()) {
            // Passive evidence beats a probe: the provider answered real traffic.
            LOG.info("provider {} is healthy again: a request to it succeeded", deployment.provider());
        }
        long ttft = attempt.timeToAnswer();
        if (ttft > 0) {
            deployment.timeToFirstToken().record(ttft);
        }
        ctx.timings().upstream(attempt.sentNanos, attempt.headNanos, attempt.answerNanos);
        ctx.served(new RequestContext.Served(
                attempt.route,
                attempt.passThrough,
                group.name(),
                deployment.id(),
                deployment.region(),
                deployment.country(),
                deployment.price()));
        ctx.whenDone(() -> {
            RequestContext.Outcome outcome = ctx.outcome();
            attempt.span.end(
                    "success",
                    attempt.upstreamStatus(),
                    outcome.error() == null ? null : outcome.error().code().openAiCode());
            deployment.finished(
                    System.nanoTime(),
                    outcome.usage() == null
                            ? 0
                            : outcome.usage().inputTokens() + outcome.usage().outputTokens());
            hooks.after(
                    ctx,
                    info,
                    outcome.error() == null ? Result.SUCCEEDED : Result.FAILED,
                    outcome.usage(),
                    outcome.error());
        });
        metrics.attempt(group.name(), deployment.id(), "success");
    }

    /** It answered after another attempt won: the answer is dropped unread (a complete one's usage still counts). */
    void lostRace(Reply reply, long now) {
        Usage usage = null;
        if (reply instanceof Reply.Streaming s) {
            s.source().abort();
            usage = unanswered(); // the provider read the prompt and started answering
        } else if (reply instanceof Reply.Complete c && c.usage() != null) {
            usage = c.usage();
            if (deployment.price() != null) {
                ctx.addAttemptSpend(deployment.price().cost(usage));
            }
        }
        deployment.breaker().onNeutral(permit);
        deployment.finished(now, 0);
        metrics.attempt(group.name(), deployment.id(), "cancelled");
        attempt.span.end("lost_race", attempt.upstreamStatus(), null);
        hooks.after(ctx, info, Result.CANCELLED, usage, null);
    }

    /**
     * It ended after the request was decided or the attempt cancelled (another answered first, the caller left):
     * how says nothing about the deployment, and the hooks hear of a cancellation, not a failure.
     */
    void abandoned(long now) {
        Usage usage = attempt.sentNanos > 0 ? unanswered() : null;
        deployment.finished(now, 0);
        deployment.breaker().onNeutral(permit);
        metrics.attempt(group.name(), deployment.id(), "cancelled");
        attempt.span.end(attempt.lost ? "lost_race" : "cancelled", attempt.upstreamStatus(), null);
        hooks.after(ctx, info, Result.CANCELLED, usage, null);
    }

    /**
     * It failed: the breaker hears of a deployment fault, a 429 backs the deployment off. Empty when the request
     * itself is at fault for this provider (a bad parameter).
     */
    Optional<FailureClass> failed(GatewayException e, long now, RetryPolicy retries) {
        // Sent, then no answer or a cut one: the provider bills the prompt it read. An error answer costs nothing.
        Usage usage = e.cut() ? unanswered() : null;
        deployment.finished(now, 0);
        hooks.after(ctx, info, Result.FAILED, usage, e);
        Optional<FailureClass> failure = FailureClass.of(e);
        String outcome = failure.map(FailureClass::configName).orElse("rejected");
        metrics.attempt(group.name(), deployment.id(), outcome);
        attempt.span.end(outcome, attempt.upstreamStatus(), e.code().openAiCode());
        if (failure.isPresent() && failure.get().deploymentFault()) {
            deployment.breaker().onFailure(now, permit);
        } else {
            deployment.breaker().onNeutral(permit);
        }
        if (failure.isPresent() && failure.get() == FailureClass.RATE_LIMIT) {
            deployment.backOff(now, retries.rateLimitBackOffMillis(e));
        }
        return failure;
    }
}
