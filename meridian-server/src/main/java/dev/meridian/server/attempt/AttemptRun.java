package dev.meridian.server.attempt;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.FailureClass;
import dev.meridian.server.attempt.AttemptHook.AttemptInfo;
import dev.meridian.server.attempt.AttemptHook.Result;
import dev.meridian.server.pipeline.Failures;
import dev.meridian.server.pipeline.Reply;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The attempts of one request, as {@link AttemptLoop} describes them. Confined to the request's event loop.
 */
final class AttemptRun {

    private final AttemptLoop loop;
    private final RequestContext ctx;
    private final Candidates candidates;
    private final Promise<Reply> result = Promise.promise();
    private final long deadline;
    private final FallbackPolicy fallbacks;
    private final List<RunningAttempt> running = new ArrayList<>(2);
    private final TraceRecorder trace = new TraceRecorder();
    private final HedgePolicy hedging;
    private final HookGate gate;
    private ModelGroup group;
    private int attemptsInGroup;
    private GatewayException lastError;
    private FailureClass lastClass;
    private long retryTimer = -1;
    /** A request-level refusal from one attempt while another was still running. */
    private GatewayException requestError;

    AttemptRun(AttemptLoop loop, RequestContext ctx) {
        this.loop = loop;
        this.ctx = ctx;
        this.group = ctx.plan().group();
        this.candidates = new Candidates(loop.table, ctx);
        this.fallbacks = new FallbackPolicy(loop.table, ctx.plan(), loop.metrics, trace);
        this.deadline = ctx.startNanos() + group.retry().deadline().toNanos();
        this.hedging = new HedgePolicy(loop.vertx, loop.metrics);
        this.gate = new HookGate(loop.hooks, ctx, loop.vertx.getOrCreateContext());
    }

    Future<Reply> start() {
        ctx.caller()
                .onLeave(() -> fail(GatewayException.of(ErrorCode.CLIENT_CLOSED, "The caller closed the connection.")));
        guarded(this::next);
        return result.future();
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
        Deployment<Route> fresh = candidates.fresh(group, now);
        if (fresh != null && loop.retries.mayAttempt(group, attemptsInGroup)) {
            launch(fresh, false);
            return;
        }
        if (loop.retries.mayAttempt(group, attemptsInGroup) && (lastClass == null || lastClass.retryable())) {
            Deployment<Route> again = candidates.again(group, now);
            if (again != null && (lastClass == null || lastClass.repeatable() || !candidates.triedBefore(again))) {
                retryLater(again, now);
                return;
            }
        }
        fallBack();
    }

    private void retryLater(Deployment<Route> deployment, long now) {
        boolean retry = candidates.triedBefore(deployment); // else every deployment is unavailable: no back-off
        long waitMillis = loop.retries.retryDelayMillis(group, attemptsInGroup, deployment, retry, now, deadline);
        if (waitMillis == RetryPolicy.GIVE_UP) {
            fallBack(); // the provider asks for longer than the gateway will hold the caller: the caller decides
            return;
        }
        if (retry) {
            loop.metrics.retry(group.name());
        }
        if (waitMillis <= 0) {
            launch(deployment, false);
            return;
        }
        retryTimer = loop.vertx.setTimer(
                waitMillis,
                id -> guarded(() -> {
                    retryTimer = -1;
                    if (!result.future().isComplete() && !ctx.caller().gone()) {
                        launch(deployment, false);
                    } else {
                        giveUp();
                    }
                }));
    }

    /** Asks the hooks, then sends; a call that waits for them counts as under way. */
    private void launch(Deployment<Route> deployment, boolean hedge) {
        candidates.tried(deployment);
        AttemptInfo info = AttemptInfo.of(group.name(), deployment, hedge);
        ModelGroup at = group;
        gate.admit(
                info,
                deadline,
                () -> !result.future().isComplete()
                        && !ctx.caller().gone()
                        && group == at
                        && System.nanoTime() - deadline < 0,
                () -> guarded(() -> send(deployment, info)),
                refusal -> guarded(() -> {
                    if (hedge) {
                        moveOnIfIdle(); // no hedge, then; the first call may still answer
                    } else {
                        fail(refusal);
                    }
                }),
                () -> guarded(this::moveOnIfIdle));
    }

    private void send(Deployment<Route> deployment, AttemptInfo info) {
        long now = System.nanoTime();
        CircuitBreaker.Permit permit = deployment.breaker().acquire(now);
        if (permit == CircuitBreaker.Permit.DENIED) {
            loop.hooks.after(ctx, info, Result.CANCELLED, null, null);
            moveOnIfIdle(); // another event loop took the probe meanwhile; a hedge simply does not happen
            return;
        }
        if (info.hedge()) {
            hedging.sent();
            trace.hedge(deployment.id());
        }
        attemptsInGroup++;
        trace.attempt();
        deployment.started(now);
        long attemptNanos = Math.min(group.retry().attemptTimeout().toNanos(), deadline - now);
        Attempt attempt = loop.calls.start(ctx, info, deployment.target(), Math.max(1, attemptNanos));
        RunningAttempt run =
                new RunningAttempt(deployment, attempt, group, permit, info, ctx, loop.metrics, loop.hooks);
        running.add(run);
        attempt.answer()
                .onComplete(ar -> guarded(() -> {
                    if (ar.succeeded()) {
                        succeeded(run, ar.result());
                    } else {
                        failed(run, ar.cause());
                    }
                }));
        if (!info.hedge()) {
            hedging.arm(group, deployment, running.size(), () -> guarded(this::hedge));
        }
    }

    /** The first attempt is still silent after the hedging delay: race a second deployment against it. */
    private void hedge() {
        if (result.future().isComplete()
                || running.size() != 1
                || !hedging.allowed(group)
                || !loop.retries.mayAttempt(group, attemptsInGroup)
                || ctx.caller().gone()) {
            return;
        }
        long now = System.nanoTime();
        Deployment<Route> other = candidates.fresh(group, now);
        if (other == null || now - deadline >= 0) {
            return;
        }
        hedging.begin();
        launch(other, true);
    }

    private void succeeded(RunningAttempt run, Reply reply) {
        running.remove(run);
        long now = System.nanoTime();
        if (result.future().isComplete()) {
            run.lostRace(reply, now); // a hedge that lost the race
            return;
        }
        trace.answered(run.deployment.id());
        List<RunningAttempt> losers = new ArrayList<>(running);
        for (RunningAttempt other : losers) {
            other.attempt.lose();
            trace.cancelled(other.deployment.id());
        }
        hedging.decided(run.info.hedge(), losers.size());
        cancelTimers();
        run.won(now);
        group = run.group;
        trace.settle(ctx, group.name(), run.deployment.id(), run.info.hedge());
        result.complete(reply);
    }

    private void failed(RunningAttempt run, Throwable cause) {
        running.remove(run);
        long now = System.nanoTime();
        if (result.future().isComplete() || run.attempt.cancelled) {
            run.abandoned(now);
            return;
        }
        GatewayException e = Failures.asGatewayError(cause);
        trace.failed(run.deployment.id(), e);
        Optional<FailureClass> failure = run.failed(e, now, loop.retries);
        if (failure.isEmpty()) {
            // The request itself is at fault for this provider (a bad parameter). Another attempt still
            // running (a hedge on another provider) may accept it: wait for that one.
            if (running.isEmpty() && gate.pending() == 0) {
                fail(e);
            } else {
                requestError = e;
            }
            return;
        }
        lastError = e;
        lastClass = failure.get();
        moveOnIfIdle(); // unless a hedge is still under way: its answer may yet win
    }

    /** Once no call is under way: the request's refusal, or the next attempt after the last failure. */
    private void moveOnIfIdle() {
        if (result.future().isComplete() || !running.isEmpty() || gate.pending() > 0) {
            return;
        }
        cancelTimers();
        if (requestError != null) {
            fail(requestError);
            return;
        }
        if (lastClass != null && !lastClass.retryable()) {
            attemptsInGroup = group.retry().maxAttempts();
        }
        next();
    }

    /** Moves to the next fallback group, or gives up when none is left. */
    private void fallBack() {
        ModelGroup next = fallbacks.next(group, lastClass);
        if (next == null) {
            giveUp();
            return;
        }
        cancelTimers();
        group = next;
        attemptsInGroup = 0;
        lastClass = null;
        candidates.newGroup();
        next();
    }

    private void giveUp() {
        fail(lastError != null ? lastError : candidates.noneAnswered(deadline));
    }

    /** Ends the request with {@code e}, unless it is already decided: what still runs is cancelled. */
    private void fail(GatewayException e) {
        if (result.future().isComplete()) {
            return;
        }
        for (RunningAttempt other : new ArrayList<>(running)) {
            other.attempt.cancel();
        }
        cancelTimers();
        trace.settle(ctx, group.name(), null, false);
        result.tryFail(e);
    }

    /** Stops a pending hedge and a pending retry: the request moved on. */
    private void cancelTimers() {
        hedging.cancel();
        if (retryTimer >= 0) {
            loop.vertx.cancelTimer(retryTimer);
            retryTimer = -1;
        }
    }
}
