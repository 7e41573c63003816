package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.CanonicalRequest;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.pii.AnswerRestorer;
import dev.meridian.core.pii.CustomPatterns;
import dev.meridian.core.pii.PiiDetections;
import dev.meridian.core.pii.PiiPolicy;
import dev.meridian.core.pii.PiiVault;
import dev.meridian.core.pii.RequestMasker;
import dev.meridian.core.pii.RestoreFilter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * PII detection and handling, before any byte leaves for a provider. A chat request under an active policy (its
 * tenant's, else the gateway's) is scanned: a class whose action is block refuses it (400 {@code pii_blocked},
 * naming the classes, never the values); values to mask are replaced by placeholders through the canonical path
 * ({@code InboundRequest.replace}), so every provider, the cache key and the request log see only those. In
 * reversible mode the caller's answer gets its values back: a stream through the last filter, a complete answer
 * here, a cache hit (stored masked) through the context's answer restorer. Runs before the cache, so that what the
 * cache keeps is masked and keyed by the masked request: two callers whose prompts differ only in their personal
 * data share an entry, and each gets its own values back.
 */
public final class PiiStage implements Stage {

    private final Function<String, PiiPolicy> policies;

    /** @param policies the policy for a caller of a tenant id (null: a configured key without a tenant) */
    PiiStage(Function<String, PiiPolicy> policies) {
        this.policies = policies;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        PiiPolicy policy =
                policies.apply(ctx.principal() == null ? null : ctx.principal().tenantId());
        if (!policy.active()) {
            return next.run(ctx);
        }
        CanonicalRequest canonical = ctx.inbound().canonical();
        if (!(canonical instanceof ChatRequest chat)) {
            return next.run(ctx);
        }
        RequestMasker.Result result;
        try {
            result = RequestMasker.apply(policy, chat);
        } catch (CustomPatterns.Timeout e) {
            // Fail closed: a request the tenant's patterns could not check in time does not leave.
            ctx.pii(new PiiHandling(text -> "[not kept: PII patterns ran out of time]", UnaryOperator.identity()));
            throw GatewayException.of(
                    ErrorCode.PII_BLOCKED,
                    "The request could not be checked for personal data in time; it was not sent.");
        }
        // Recorded before a block is thrown: a refused request's log record names what was found, too.
        ctx.piiDetections(PiiDetections.of(policy, result.found()));
        PiiVault vault = result.vault();
        if (!result.blocked().isEmpty() || result.masked()) {
            ctx.pii(new PiiHandling(
                    text -> RequestMasker.redact(policy, vault, text),
                    policy.reversible() ? answer -> AnswerRestorer.restore(vault, answer) : UnaryOperator.identity()));
        }
        if (!result.blocked().isEmpty()) {
            throw GatewayException.of(
                    ErrorCode.PII_BLOCKED,
                    "The request holds data of a class this gateway may not send: "
                            + String.join(", ", result.blocked()) + ".");
        }
        if (!result.masked()) {
            return next.run(ctx);
        }
        ctx.inbound().replace(result.request());
        if (!policy.reversible()) {
            return next.run(ctx);
        }
        if (ctx.stream()) {
            ctx.lastStreamFilter(new RestoreFilter(vault));
            return next.run(ctx);
        }
        return next.run(ctx).map(reply -> restored(ctx, vault, reply));
    }

    private static Reply restored(RequestContext ctx, PiiVault vault, Reply reply) {
        if (!(reply instanceof Reply.Complete c) || c.status() != 200) {
            return reply;
        }
        byte[] body = c.body().getBytes();
        byte[] restored;
        try {
            ChatResponse answer = ctx.door().decodeAnswer(body);
            ChatResponse back = AnswerRestorer.restore(vault, answer);
            restored = back == answer ? null : ctx.door().encodeAnswer(back);
        } catch (UnsupportedOperationException e) {
            // A door without a canonical answer form (Responses): the placeholders in its JSON, JSON-escaped values.
            String text = new String(body, StandardCharsets.UTF_8);
            String back = vault.restore(text, true);
            restored = back == text ? null : back.getBytes(StandardCharsets.UTF_8);
        }
        return restored == null
                ? reply
                : new Reply.Complete(c.status(), c.headers(), Buffer.buffer(restored), c.usage(), c.model());
    }
}
