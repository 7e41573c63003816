package dev.meridian.server.attempt;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.FailureClass;
import dev.meridian.core.routing.RoutingTrace;
import dev.meridian.core.routing.RoutingTrace.Step;
import dev.meridian.core.routing.Strategy;
import dev.meridian.server.attempt.AttemptHook.AttemptInfo;
import dev.meridian.server.attempt.AttemptHook.Result;
import dev.meridian.server.pipeline.Failures;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Stage;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.routing.RoutingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The last step of the pipeline: calls the plan's deployments until one answers. The group's available
 * deployments (healthy, circuit closed, not backing off, below their limits, allowed by the residency rule) are
 * tried in the strategy's order; a retryable failure moves to the next deployment at once, or retries one after
 * the {@link RetryPolicy}'s wait; once the group is exhausted, or on a failure no deployment of it can fix, the
 * {@link FallbackPolicy} moves to another group within the request's deadline; the {@link HedgePolicy} may race a
 * second deployment against a silent first. Every call passes the {@link AttemptHooks}. Nothing has reached the
 * caller meanwhile: a stream is handed on only once its first bytes arrived. The outcome is a
 * {@link RoutingTrace} on the context.
 */
public final class AttemptLoop implements Stage.Next {

    private final Vertx vertx;
    private final RouteTable table;
    private final ProviderCall calls;
    private final RoutingMetrics metrics;
    private final AttemptHooks hooks;
    private final RetryPolicy retries = new RetryPolicy();
    private final HedgePolicy hedging = new HedgePolicy();

    public AttemptLoop(Vertx vertx, RouteTable table, ProviderCall calls, RoutingMetrics metrics,
                       List<AttemptHook> hooks) {
        this.vertx = vertx;
        this.table = table;
        this.calls = calls;
        this.metrics = metrics;
        this.hooks = new AttemptHooks(hooks);
    }

    @Override
    public Future<Reply> run(RequestContext ctx) {
        return new Run(ctx).start();
    }

    /** The attempts of one request; confined to its event loop. */
    private final class Run {

        private final RequestContext ctx;
        private final Strategy.Hints hints;
        private final Promise<Reply> result = Promise.promise();
        private final long deadline;
        private final FallbackPolicy fallbacks;
        /** Deployments tried in the current group (compared by identity; a handful at most). */
        private final List<Deployment<Route>> tried = new ArrayList<>(2);
        private final List<Running> running = new ArrayList<>(2);
        private final List<Step> steps = new ArrayList<>(2);
        private ModelGroup group;
        private int attemptsInGroup;
        private int attempts;
        private int fallbackCount;
        private String fallbackReason;
        private boolean sawCandidate;
        private boolean sawCompliant;
        private GatewayException lastError;
        private FailureClass lastClass;
        private long hedgeTimer = -1;
        private long retryTimer = -1;
        private boolean hedged;
        /** A request-level refusal from one attempt while another was still running. */
        private GatewayException requestError;

        Run(RequestContext ctx) {
            this.ctx = ctx;
            this.group = ctx.plan().group();
            this.fallbacks = new FallbackPolicy(table, ctx.plan());
            this.deadline = ctx.startNanos() + group.retry().deadline().toNanos();
            long input = ctx.body() == null ? 0 : ctx.body().length / 4;
            this.hints = new Strategy.Hints(ctx.plan().location(), table.regions(), input, table.assumedOutputTokens());
        }

        Future<Reply> start() {
            ctx.caller().onLeave(this::callerLeft);
            guarded(this::next);
            return result.future();
        }

        private void callerLeft() {
            if (result.future().isComplete()) {
                return;
            }
            for (Running other : new ArrayList<>(running)) {
                other.attempt.cancel();
            }
            cancelHedgeTimer();
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
                retryTimer = -1;
            }
            settle(null);
            result.tryFail(GatewayException.of(ErrorCode.INTERNAL, "The caller closed the connection."));
        }

        /** Runs a step from a timer or callback: an unexpected exception fails the request instead of hanging it. */
        private void guarded(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                fail(Failures.asGatewayError(e));
            }
        }

        /** Starts the next attempt, or waits and then starts it, or moves to a fallback, or gives up. */
        private void next() {
            if (result.future().isComplete()) {
                return;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0 || ctx.caller().gone()) {
                giveUp();
                return;
            }
            Deployment<Route> fresh = choose(now, true);
            if (fresh != null && retries.mayAttempt(group, attemptsInGroup)) {
                launch(fresh, false);
                return;
            }
            if (retries.mayAttempt(group, attemptsInGroup) && (lastClass == null || lastClass.retryable())) {
                Deployment<Route> again = choose(now, false);
                if (again != null) {
                    retryLater(again, now);
                    return;
                }
            }
            if (!fallBack()) {
                giveUp();
            }
        }

        /**
         * The best deployment of the current group allowed by the residency rule: among the available ones
         * not tried yet ({@code untriedOnly}), or among any not refused by an open circuit.
         */
        private Deployment<Route> choose(long now, boolean untriedOnly) {
            String rule = ctx.residencyRule();
            List<Deployment<Route>> candidates = new ArrayList<>(group.deployments().size());
            for (Deployment<Route> d : group.deployments()) {
                sawCandidate = true;
                if (rule != null && !table.residency().allows(rule, d.country())) {
                    continue;
                }
                sawCompliant = true;
                boolean usable = untriedOnly ? !tried.contains(d) && d.available(now) : d.breaker().allowsTraffic(now);
                if (usable) {
                    candidates.add(d);
                }
            }
            if (candidates.isEmpty()) {
                return null;
            }
            if (untriedOnly) {
                group.strategy().order(candidates, hints, now);
            } else {
                // A retry of an already-tried deployment: the one free soonest, healthy ones first.
                candidates.sort(Comparator.<Deployment<Route>>comparingInt(d -> d.health().healthy() ? 0 : 1)
                        .thenComparingLong(d -> d.backOffRemaining(now)));
            }
            return candidates.get(0);
        }

        private void retryLater(Deployment<Route> deployment, long now) {
            long waitMillis = retries.retryDelayMillis(group, attemptsInGroup, deployment, now, deadline);
            if (waitMillis == RetryPolicy.GIVE_UP) {
                // The provider asks for longer than the gateway will hold the caller: the caller decides.
                if (!fallBack()) {
                    giveUp();
                }
                return;
            }
            metrics.retry(group.name());
            if (waitMillis <= 0) {
                launch(deployment, false);
                return;
            }
            retryTimer = vertx.setTimer(waitMillis, id -> guarded(() -> {
                retryTimer = -1;
                if (!result.future().isComplete() && !ctx.caller().gone()) {
                    launch(deployment, false);
                } else {
                    giveUp();
                }
            }));
        }

        /** Asks the hooks, then sends. */
        private void launch(Deployment<Route> deployment, boolean hedge) {
            tried.add(deployment);
            Route route = deployment.target();
            AttemptInfo info = new AttemptInfo(group.name(), deployment.id(), route.provider().name(),
                    route.upstreamModel(), hedge);
            Future<Void> allowed = hooks.before(ctx, info);
            if (allowed.succeeded()) {
                send(deployment, info);
                return;
            }
            ModelGroup at = group;
            allowed.onComplete(ar -> guarded(() -> {
                if (ar.failed()) {
                    if (!hedge) {
                        fail(Failures.asGatewayError(ar.cause()));
                    }
                } else if (result.future().isComplete() || ctx.caller().gone() || group != at) {
                    hooks.after(ctx, info, Result.CANCELLED, null, null);
                } else {
                    send(deployment, info);
                }
            }));
        }

        private void send(Deployment<Route> deployment, AttemptInfo info) {
            long now = System.nanoTime();
            CircuitBreaker.Permit permit = deployment.breaker().acquire(now);
            if (permit == CircuitBreaker.Permit.DENIED) {
                hooks.after(ctx, info, Result.CANCELLED, null, null);
                if (!info.hedge()) {
                    next(); // another event loop took the probe meanwhile; a hedge simply does not happen
                }
                return;
            }
            attemptsInGroup++;
            attempts++;
            deployment.started(now);
            long attemptNanos = Math.min(group.retry().attemptTimeout().toNanos(), deadline - now);
            Attempt attempt = calls.start(ctx, deployment.target(), Math.max(1, attemptNanos));
            Running run = new Running(deployment, attempt, group, permit, info);
            running.add(run);
            attempt.answer().onComplete(ar -> guarded(() -> {
                if (ar.succeeded()) {
                    succeeded(run, ar.result());
                } else {
                    failed(run, ar.cause());
                }
            }));
            if (hedging.enabled(group) && !info.hedge() && !hedged && running.size() == 1 && hedgeTimer < 0) {
                hedgeTimer = vertx.setTimer(hedging.delayMillis(group, deployment), id -> guarded(this::hedge));
            }
        }

        /** The first attempt is still silent after the hedging delay: race a second deployment against it. */
        private void hedge() {
            hedgeTimer = -1;
            if (result.future().isComplete() || running.size() != 1 || !hedging.enabled(group) || hedged
                    || !retries.mayAttempt(group, attemptsInGroup) || ctx.caller().gone()) {
                return;
            }
            long now = System.nanoTime();
            Deployment<Route> other = choose(now, true);
            if (other == null || now - deadline >= 0) {
                return;
            }
            metrics.hedge("started");
            hedged = true;
            steps.add(Step.of(Step.Kind.HEDGE, other.id()));
            launch(other, true);
        }

        private void succeeded(Running run, Reply reply) {
            running.remove(run);
            long now = System.nanoTime();
            if (result.future().isComplete()) {
                // A hedge that lost the race: its answer is dropped unread.
                cancelled(run, reply, now);
                return;
            }
            Deployment<Route> served = run.deployment;
            served.breaker().onSuccess(now, run.permit);
            long ttft = run.attempt.timeToAnswer();
            if (ttft > 0) {
                served.timeToFirstToken().record(ttft);
            }
            steps.add(new Step(Step.Kind.ANSWERED, served.id(), 200));
            for (Running other : new ArrayList<>(running)) {
                other.attempt.cancel();
                steps.add(Step.of(Step.Kind.CANCELLED, other.deployment.id()));
                if (hedged) {
                    metrics.hedge("lost");
                }
            }
            cancelHedgeTimer();
            if (run.info.hedge()) {
                metrics.hedge("won_by_hedge");
            } else if (hedged) {
                metrics.hedge("won_by_first");
            }
            Attempt a = run.attempt;
            ctx.timings().upstream(a.sentNanos, a.headNanos, a.answerNanos);
            ctx.served(new RequestContext.Served(a.route, a.passThrough, run.group.name(), served.id(),
                    served.region(), served.price()));
            ctx.whenDone(() -> {
                var outcome = ctx.outcome();
                served.finished(System.nanoTime(), outcome.usage() == null ? 0
                        : outcome.usage().inputTokens() + outcome.usage().outputTokens());
                hooks.after(ctx, run.info, outcome.error() == null ? Result.SUCCEEDED : Result.FAILED,
                        outcome.usage(), outcome.error());
            });
            metrics.attempt(run.group.name(), served.id(), "success");
            group = run.group;
            settle(served.id(), run.info.hedge());
            result.complete(reply);
        }

        private void cancelled(Running run, Reply reply, long now) {
            if (reply instanceof Reply.Streaming s) {
                s.source().abort();
            }
            run.deployment.breaker().onNeutral(run.permit);
            run.deployment.finished(now, 0);
            metrics.attempt(run.group.name(), run.deployment.id(), "cancelled");
            hooks.after(ctx, run.info, Result.CANCELLED, reply instanceof Reply.Complete c ? c.usage() : null, null);
        }

        private void failed(Running run, Throwable cause) {
            running.remove(run);
            long now = System.nanoTime();
            Deployment<Route> d = run.deployment;
            d.finished(now, 0);
            GatewayException e = Failures.asGatewayError(cause);
            if (result.future().isComplete() || run.attempt.cancelled) {
                d.breaker().onNeutral(run.permit);
                metrics.attempt(run.group.name(), d.id(), "cancelled");
                hooks.after(ctx, run.info, Result.CANCELLED, null, e);
                return;
            }
            hooks.after(ctx, run.info, Result.FAILED, null, e);
            Optional<FailureClass> failure = FailureClass.of(e);
            steps.add(new Step(e.code() == ErrorCode.UPSTREAM_TIMEOUT ? Step.Kind.TIMED_OUT : Step.Kind.FAILED, d.id(),
                    e.status()));
            metrics.attempt(run.group.name(), d.id(), failure.map(FailureClass::configName).orElse("rejected"));
            if (failure.isEmpty()) {
                // The request itself is at fault for this provider (a bad parameter). Another attempt still
                // running (a hedge on another provider) may accept it: wait for that one.
                d.breaker().onNeutral(run.permit);
                if (running.isEmpty()) {
                    fail(e);
                } else {
                    requestError = e;
                }
                return;
            }
            FailureClass c = failure.get();
            if (c.deploymentFault()) {
                d.breaker().onFailure(now, run.permit);
            } else {
                d.breaker().onNeutral(run.permit);
            }
            if (c == FailureClass.RATE_LIMIT) {
                d.backOff(now, retries.rateLimitBackOffMillis(e));
            }
            lastError = e;
            lastClass = c;
            if (!running.isEmpty()) {
                return; // a hedge is still running: its answer may yet win
            }
            cancelHedgeTimer();
            if (requestError != null) {
                fail(requestError);
                return;
            }
            if (!c.retryable()) {
                attemptsInGroup = group.retry().maxAttempts();
            }
            next();
        }

        /** Moves to the next fallback group; false when none is left. */
        private boolean fallBack() {
            ModelGroup next = fallbacks.next(group, lastClass);
            if (next == null) {
                return false;
            }
            String reason = lastClass == null ? "unavailable" : lastClass.configName();
            metrics.fallback(group.name(), next.name(), reason);
            steps.add(Step.of(Step.Kind.FALLBACK, next.name()));
            fallbackReason = reason;
            cancelHedgeTimer();
            fallbackCount++;
            group = next;
            attemptsInGroup = 0;
            lastClass = null;
            tried.clear();
            next();
            return true;
        }

        private void giveUp() {
            if (lastError != null) {
                fail(lastError);
            } else if (sawCandidate && !sawCompliant) {
                fail(GatewayException.builder(ErrorCode.RESIDENCY_VIOLATION, "No deployment of model `"
                        + ctx.model() + "` processes data where the residency rule '" + ctx.residencyRule()
                        + "' allows; the request was not sent.").build());
            } else if (System.nanoTime() - deadline >= 0) {
                fail(GatewayException.builder(ErrorCode.UPSTREAM_TIMEOUT, "No deployment of model `" + ctx.model()
                        + "` answered within the request deadline.").build());
            } else {
                fail(GatewayException.builder(ErrorCode.NO_AVAILABLE_DEPLOYMENT, "Every deployment of model `"
                        + ctx.model() + "` is failing, unhealthy or backing off; retry shortly.").retryAfter("1")
                        .build());
            }
        }

        private void fail(GatewayException e) {
            for (Running other : new ArrayList<>(running)) {
                other.attempt.cancel();
            }
            cancelHedgeTimer();
            settle(null);
            result.tryFail(e);
        }

        private void cancelHedgeTimer() {
            if (hedgeTimer >= 0) {
                vertx.cancelTimer(hedgeTimer);
                hedgeTimer = -1;
            }
        }

        private void settle(String deployment) {
            settle(deployment, false);
        }

        /** Writes the trace once: the first outcome (an answer, a failure, the caller leaving) is the request's. */
        private void settle(String deployment, boolean hedgeWon) {
            if (ctx.trace() == null) {
                ctx.trace(new RoutingTrace(group.name(), deployment, attempts, fallbackCount, steps, fallbackReason,
                        hedgeWon));
            }
        }

        private record Running(Deployment<Route> deployment, Attempt attempt, ModelGroup group,
                               CircuitBreaker.Permit permit, AttemptInfo info) {
        }
    }
}
