package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.routing.Backoff;
import dev.meridian.core.routing.CircuitBreaker;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.FailureClass;
import dev.meridian.core.routing.Strategy;
import dev.meridian.server.config.RetryConfig;
import dev.meridian.server.metrics.RoutingMetrics;
import dev.meridian.server.routing.Admission;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.server.routing.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The last step of the pipeline: chooses deployments and calls them until one answers. In order:
 * <ol>
 *   <li>the model group (404 for an unknown name); a smart group ({@code auto}) picks the cheapest candidate
 *       group for the task type and quality tier, the other candidates becoming its fallbacks;</li>
 *   <li>degradation: a group with {@code degradeTo} is served by that cheaper group while the gateway's load
 *       is at or above {@code degradeAt};</li>
 *   <li>admission: a place among the gateway's in-flight requests, or a bounded wait, or shedding;</li>
 *   <li>attempts: the group's available deployments (healthy, circuit closed, not backing off, below their
 *       limits, allowed by the request's residency rule) in the strategy's order; a retryable failure
 *       (connection, 429, 5xx, timeout) moves to the next deployment at once, or retries the same one after
 *       exponential backoff with full jitter that honours Retry-After; once the group is exhausted, or on a
 *       failure no deployment of the group can fix (context window, content policy), the group's fallback
 *       chain for that failure class is tried, group by group, within the request's deadline;</li>
 *   <li>hedging, when the group enables it: if the first attempt has not started answering after the hedging
 *       delay, a second one starts on another deployment; the first answer wins, the other is cancelled.</li>
 * </ol>
 * Nothing has reached the caller while attempts are made: a stream is only handed on once its first bytes
 * arrived. Response headers say which group and deployment served and what was tried.
 */
public final class Router implements Stage.Next {

    /** The longest a 429's Retry-After takes a deployment out of rotation. */
    private static final long MAX_BACK_OFF_MILLIS = 10 * 60 * 1000L;

    private final Vertx vertx;
    private final RouteTable table;
    private final Admission admission;
    private final ProviderCall calls;
    private final RoutingMetrics metrics;
    private final SmartSelection smart;

    public Router(Vertx vertx, RouteTable table, Admission admission, ProviderCall calls, RoutingMetrics metrics) {
        this.vertx = vertx;
        this.table = table;
        this.admission = admission;
        this.calls = calls;
        this.metrics = metrics;
        this.smart = new SmartSelection(table, metrics);
    }

    @Override
    public Future<Reply> run(RequestContext ctx) {
        if (ctx.principal != null && !ctx.principal.mayUse(ctx.model)) {
            throw GatewayException.builder(ErrorCode.MODEL_NOT_FOUND, "The model `" + ctx.model
                    + "` does not exist or you do not have access to it.").param("model").build();
        }
        ModelGroup group = table.group(ctx.model);
        String rule = residencyRule(ctx);
        String location = ctx.request().getHeader("x-meridian-region");
        List<String> extraFallbacks = List.of();
        if (group.smart()) {
            List<String> chosen = smart.choose(ctx, group);
            group = table.find(chosen.get(0));
            extraFallbacks = chosen.subList(1, chosen.size());
        }
        if (group.degradeTo() != null && admission.load() >= group.degradeAt()) {
            ctx.responseHeaders.put("x-meridian-degraded-from", group.name());
            metrics.degraded(group.name(), group.degradeTo());
            group = table.group(group.degradeTo());
        }
        ModelGroup first = group;
        List<String> smartFallbacks = extraFallbacks;
        Future<Void> place = admission.admit(vertx);
        if (!place.isComplete()) {
            ctx.request().response().closeHandler(v -> admission.abandon(place));
        }
        return place.onFailure(e -> {
            if (!ctx.request().response().closed()) {
                metrics.shed();
            }
        }).compose(admitted -> {
            ctx.whenDone(admission::release);
            return new Attempts(ctx, first, smartFallbacks, rule, location).start();
        });
    }

    /** The tenant's rule when it has one (a header cannot relax it), else the header's, else the default. */
    private String residencyRule(RequestContext ctx) {
        String rule = ctx.principal == null ? null : ctx.principal.residencyRule();
        if (rule == null || rule.isBlank()) {
            rule = ctx.request().getHeader("x-meridian-residency");
        }
        if (rule == null || rule.isBlank()) {
            rule = table.defaultResidencyRule();
        }
        if (rule == null) {
            return null;
        }
        if (!table.residency().knows(rule)) {
            throw GatewayException.builder(ErrorCode.INVALID_REQUEST, "Unknown data-residency rule '" + rule
                    + "'; known rules: " + String.join(", ", table.residency().ruleNames()) + ".")
                    .param("x-meridian-residency").build();
        }
        ctx.responseHeaders.put("x-meridian-residency", rule);
        return rule;
    }

    /** The attempts of one request; confined to its event loop. */
    private final class Attempts {

        private final RequestContext ctx;
        private final String residencyRule;
        private final Strategy.Hints hints;
        private final Promise<Reply> result = Promise.promise();
        private final long deadline;
        private final Deque<String> pendingFallbacks = new ArrayDeque<>(4);
        private final Set<String> visitedGroups = new HashSet<>(4);
        /** Deployments tried in the current group (compared by identity; a handful at most). */
        private final List<Deployment<Route>> tried = new ArrayList<>(2);
        private final List<Running> running = new ArrayList<>(2);
        /** What was tried, for the attempt-trace header; built only once a second attempt happens. */
        private StringBuilder trace;
        private String firstEntry;
        private ModelGroup group;
        private int attemptsInGroup;
        private boolean sawCandidate;
        private boolean sawCompliant;
        private GatewayException lastError;
        private FailureClass lastClass;
        private long hedgeTimer = -1;
        private long retryTimer = -1;
        private boolean hedged;
        /** A request-level refusal from one attempt while another was still running. */
        private GatewayException requestError;

        Attempts(RequestContext ctx, ModelGroup group, List<String> smartFallbacks, String residencyRule,
                 String location) {
            this.ctx = ctx;
            this.group = group;
            pendingFallbacks.addAll(smartFallbacks);
            this.residencyRule = residencyRule;
            this.deadline = ctx.startNanos() + group.retry().deadline().toNanos();
            long input = ctx.body == null ? 0 : ctx.body.length / 4;
            this.hints = new Strategy.Hints(location, table.regions(), input, table.assumedOutputTokens());
            visitedGroups.add(group.name());
        }

        Future<Reply> start() {
            // A caller who leaves stops the attempts (the writer installs its own handler once it answers).
            ctx.request().response().closeHandler(v -> callerLeft());
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
            result.tryFail(GatewayException.of(ErrorCode.INTERNAL, "The caller closed the connection."));
        }

        /** Runs a step from a timer or callback: an unexpected exception fails the request instead of hanging it. */
        private void guarded(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                fail(ReplyWriter.asGatewayError(e));
            }
        }

        /** Starts the next attempt, or waits and then starts it, or moves to a fallback, or gives up. */
        private void next() {
            if (result.future().isComplete()) {
                return;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0 || ctx.request().response().closed()) {
                giveUp();
                return;
            }
            Deployment<Route> fresh = choose(now, true);
            if (fresh != null && attemptsInGroup < group.retry().maxAttempts()) {
                launch(fresh, now, false);
                return;
            }
            if (attemptsInGroup < group.retry().maxAttempts() && (lastClass == null || lastClass.retryable())) {
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
            List<Deployment<Route>> candidates = new ArrayList<>(group.deployments().size());
            for (Deployment<Route> d : group.deployments()) {
                sawCandidate = true;
                if (residencyRule != null && !table.residency().allows(residencyRule, d.country())) {
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
            RetryConfig retry = group.retry();
            // This deployment's own back-off holds what its provider asked for (429 Retry-After).
            long askedMillis = deployment.backOffRemaining(now) / 1_000_000L;
            long waitMillis = Math.max(new Backoff(retry.initialBackoff(), retry.maxBackoff())
                    .delayMillis(attemptsInGroup, null, System.currentTimeMillis()), askedMillis);
            if (askedMillis > retry.maxRetryAfter().toMillis() || now + waitMillis * 1_000_000L - deadline >= 0) {
                // The provider asks for longer than the gateway will hold the caller: the caller decides.
                if (!fallBack()) {
                    giveUp();
                }
                return;
            }
            metrics.retry(group.name());
            if (waitMillis <= 0) {
                launch(deployment, now, false);
            } else {
                retryTimer = vertx.setTimer(waitMillis, id -> guarded(() -> {
                    retryTimer = -1;
                    if (!result.future().isComplete() && !ctx.request().response().closed()) {
                        launch(deployment, System.nanoTime(), false);
                    } else {
                        giveUp();
                    }
                }));
            }
        }

        private void launch(Deployment<Route> deployment, long now, boolean hedge) {
            CircuitBreaker.Permit permit = deployment.breaker().acquire(now);
            if (permit == CircuitBreaker.Permit.DENIED) {
                tried.add(deployment);
                if (!hedge) {
                    next(); // another event loop took the probe meanwhile; a hedge simply does not happen
                }
                return;
            }
            tried.add(deployment);
            attemptsInGroup++;
            ctx.attempts++;
            deployment.started(now);
            long attemptNanos = Math.min(group.retry().attemptTimeout().toNanos(), deadline - now);
            Attempt attempt = calls.start(ctx, deployment.target(), Math.max(1, attemptNanos));
            Running run = new Running(deployment, attempt, group, hedge, permit);
            running.add(run);
            attempt.answer().onComplete(ar -> {
                if (ar.succeeded()) {
                    succeeded(run, ar.result());
                } else {
                    failed(run, ar.cause());
                }
            });
            if (group.hedging().enabled() && !hedge && !hedged && running.size() == 1 && hedgeTimer < 0) {
                long delay = hedgeDelayMillis(deployment);
                hedgeTimer = vertx.setTimer(delay, id -> guarded(this::hedge));
            }
        }

        private long hedgeDelayMillis(Deployment<Route> deployment) {
            if (group.hedging().delay() != null) {
                return Math.max(1, group.hedging().delay().toMillis());
            }
            long p95 = deployment.timeToFirstToken().p95Nanos(20);
            return p95 > 0 ? Math.max(1, p95 / 1_000_000L) : Math.max(1, group.hedging().fallbackDelay().toMillis());
        }

        /** The first attempt is still silent after the hedging delay: race a second deployment against it. */
        private void hedge() {
            hedgeTimer = -1;
            if (result.future().isComplete() || running.size() != 1 || !group.hedging().enabled() || hedged
                    || attemptsInGroup >= group.retry().maxAttempts() || ctx.request().response().closed()) {
                return;
            }
            long now = System.nanoTime();
            Deployment<Route> other = choose(now, true);
            if (other == null || now - deadline >= 0) {
                return;
            }
            metrics.hedge("started");
            hedged = true;
            appendTrace(other.id() + ":hedge");
            launch(other, now, true);
        }

        private void succeeded(Running run, Reply reply) {
            running.remove(run);
            long now = System.nanoTime();
            if (result.future().isComplete()) {
                // A hedge that lost the race: its answer is dropped unread.
                cancelled(run, reply, now);
                return;
            }
            run.deployment.breaker().onSuccess(now, run.permit);
            long ttft = run.attempt.timeToAnswer();
            if (ttft > 0) {
                run.deployment.timeToFirstToken().record(ttft);
            }
            appendTrace(run.deployment.id() + ":200");
            for (Running other : new ArrayList<>(running)) {
                other.attempt.cancel();
                appendTrace(other.deployment.id() + ":cancelled");
                if (hedged) {
                    metrics.hedge("lost");
                }
            }
            cancelHedgeTimer();
            if (run.hedge) {
                metrics.hedge("won_by_hedge");
                ctx.responseHeaders.put("x-meridian-hedged", "true");
            } else if (hedged) {
                metrics.hedge("won_by_first");
            }
            ctx.adopt(run.attempt);
            ctx.servedGroup = run.group.name();
            ctx.deployment = run.deployment.id();
            ctx.region = run.deployment.region();
            ctx.price = run.deployment.price();
            Deployment<Route> served = run.deployment;
            ctx.whenDone(() -> served.finished(System.nanoTime(), ctx.usage == null ? 0
                    : ctx.usage.inputTokens() + ctx.usage.outputTokens()));
            metrics.attempt(run.group.name(), served.id(), "success");
            headers(run.group);
            result.complete(reply);
        }

        private void cancelled(Running run, Reply reply, long now) {
            if (reply instanceof Reply.Streaming s) {
                s.exchange().abort();
            }
            run.deployment.breaker().onNeutral(run.permit);
            run.deployment.finished(now, 0);
            metrics.attempt(run.group.name(), run.deployment.id(), "cancelled");
        }

        private void failed(Running run, Throwable cause) {
            running.remove(run);
            long now = System.nanoTime();
            Deployment<Route> d = run.deployment;
            d.finished(now, 0);
            if (result.future().isComplete() || run.attempt.cancelled) {
                d.breaker().onNeutral(run.permit);
                metrics.attempt(run.group.name(), d.id(), "cancelled");
                return;
            }
            GatewayException e = ReplyWriter.asGatewayError(cause);
            Optional<FailureClass> failure = FailureClass.of(e);
            appendTrace(d.id() + ":" + e.status() + (e.code() == ErrorCode.UPSTREAM_TIMEOUT ? " timeout" : ""));
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
                long asked = Backoff.retryAfterMillis(e.retryAfter(), System.currentTimeMillis());
                // Bounded: a provider (or a proxy) asking for a day must not take the deployment out for a day.
                d.backOff(now, Math.min(asked > 0 ? asked : 1000, MAX_BACK_OFF_MILLIS));
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

        /**
         * Moves to the next fallback group: the current group's chain for the last failure class (a group with
         * no usable deployment counts as a server error) goes ahead of what was pending. False when none is left.
         */
        private boolean fallBack() {
            List<String> chain = group.fallbacks(lastClass != null ? lastClass : FailureClass.SERVER_ERROR);
            for (int i = chain.size() - 1; i >= 0; i--) {
                if (!visitedGroups.contains(chain.get(i))) {
                    pendingFallbacks.addFirst(chain.get(i));
                }
            }
            while (!pendingFallbacks.isEmpty()) {
                String name = pendingFallbacks.pollFirst();
                ModelGroup next = table.find(name);
                if (next == null || !visitedGroups.add(name)) {
                    continue;
                }
                metrics.fallback(group.name(), name, lastClass == null ? "unavailable" : lastClass.configName());
                appendTrace("fallback:" + name);
                ctx.responseHeaders.put("x-meridian-fallback", lastClass == null ? "unavailable"
                        : lastClass.configName());
                cancelHedgeTimer();
                ctx.fallbacks++;
                group = next;
                attemptsInGroup = 0;
                lastClass = null;
                tried.clear();
                next();
                return true;
            }
            return false;
        }

        private void giveUp() {
            if (lastError != null) {
                fail(lastError);
            } else if (sawCandidate && !sawCompliant) {
                fail(GatewayException.builder(ErrorCode.RESIDENCY_VIOLATION, "No deployment of model `"
                        + ctx.model + "` processes data where the residency rule '" + residencyRule
                        + "' allows; the request was not sent.").build());
            } else if (System.nanoTime() - deadline >= 0) {
                fail(GatewayException.builder(ErrorCode.UPSTREAM_TIMEOUT, "No deployment of model `" + ctx.model
                        + "` answered within the request deadline.").build());
            } else {
                fail(GatewayException.builder(ErrorCode.NO_AVAILABLE_DEPLOYMENT, "Every deployment of model `"
                        + ctx.model + "` is failing, unhealthy or backing off; retry shortly.").retryAfter("1").build());
            }
        }

        private void fail(GatewayException e) {
            for (Running other : new ArrayList<>(running)) {
                other.attempt.cancel();
            }
            cancelHedgeTimer();
            headers(group);
            result.tryFail(e);
        }

        private void cancelHedgeTimer() {
            if (hedgeTimer >= 0) {
                vertx.cancelTimer(hedgeTimer);
                hedgeTimer = -1;
            }
        }

        private void headers(ModelGroup served) {
            ctx.responseHeaders.put("x-meridian-model-group", served.name());
            if (ctx.deployment != null) {
                ctx.responseHeaders.put("x-meridian-deployment", ctx.deployment);
            }
            ctx.responseHeaders.put("x-meridian-attempts", Integer.toString(ctx.attempts));
            if (trace != null) {
                ctx.responseHeaders.put("x-meridian-attempt-trace", trace.toString());
            }
        }

        private void appendTrace(String entry) {
            if (firstEntry == null) {
                firstEntry = entry;
                return;
            }
            if (trace == null) {
                trace = new StringBuilder(64).append(firstEntry);
            }
            trace.append(", ").append(entry);
        }

        private final class Running {
            final Deployment<Route> deployment;
            final Attempt attempt;
            final ModelGroup group;
            final boolean hedge;
            final CircuitBreaker.Permit permit;

            Running(Deployment<Route> deployment, Attempt attempt, ModelGroup group, boolean hedge,
                    CircuitBreaker.Permit permit) {
                this.deployment = deployment;
                this.attempt = attempt;
                this.group = group;
                this.hedge = hedge;
                this.permit = permit;
            }
        }
    }
}
