package dev.meridian.server.pipeline;

import dev.meridian.core.cache.CacheDirectives;
import dev.meridian.core.cache.CacheFingerprint;
import dev.meridian.core.cache.CacheStatus;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Operation;
import dev.meridian.core.relay.AnswerAssembler;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.cache.CacheKey;
import dev.meridian.server.cache.CachedAnswer;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.server.config.CacheConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exact response cache, for the chat requests of groups whose policy enables it. A hit answers here (a replay
 * for a streaming caller, the stored JSON for the others), before admission, budgets and every attempt hook: it
 * costs nothing upstream. A miss goes on; its answer is stored when it is complete and worth it
 * ({@link CacheAdmission}): a complete answer as it is returned, a stream assembled by a filter as it passes and
 * stored once it ended well. The caller's headers ({@link CacheDirectives}) can skip the lookup, the store or both.
 * For a group with a semantic cache, an exact miss then looks for a similar earlier prompt ({@link SemanticLookup}),
 * whose answer is served the same way.
 */
public final class CacheStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(CacheStage.class);

    private final ResponseCache cache;
    private final SemanticLookup semantic;

    CacheStage(ResponseCache cache, SemanticLookup semantic) {
        this.cache = cache;
        this.semantic = semantic;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        if (ctx.operation() != Operation.CHAT || !ctx.inbound().cacheable()) {
            return next.run(ctx);
        }
        String group = ctx.plan().group().name();
        CacheConfig policy = cache.policy(group);
        if (policy == null) {
            return next.run(ctx);
        }
        HttpServerRequest request = ctx.caller().request();
        CacheDirectives asked = CacheDirectives.parse(
                request.getHeader(CacheDirectives.HEADER),
                request.getHeader(CacheDirectives.CACHE_CONTROL),
                request.getHeader(CacheDirectives.TTL_HEADER));
        CacheFingerprint fingerprint = ctx.inbound().fingerprint(group);
        double temperature = fingerprint.temperature() == null ? 1.0 : fingerprint.temperature();
        if (temperature > policy.maxTemperature() && !asked.force() || !asked.read() && !asked.store()) {
            ctx.cache(CacheUse.of(CacheStatus.BYPASS));
            return next.run(ctx);
        }
        Principal p = ctx.principal();
        CacheKey key = CacheKey.of(
                p.tenantId(),
                p.keyId() != null ? p.keyId() : p.keyName(),
                policy.perKey(),
                group,
                fingerprint.sha256());
        CacheAdmission admission = new CacheAdmission(
                cache, policy, key, asked.ttlSeconds(policy.ttl().toSeconds()));
        if (!asked.read()) {
            ctx.cache(CacheUse.of(CacheStatus.REFRESH));
            return storing(ctx, next, admission);
        }
        long maxAge = asked.maxAgeSeconds();
        return cache.find(key, maxAge).compose(found -> {
            Reply hit = found == null ? null : hit(ctx, found, Double.NaN);
            // A request whose personal data was masked skips the semantic cache: its prompt is read from the caller's
            // own body, so it would be embedded by a provider and indexed with the values in it.
            if (hit != null || !cache.semantic().on(group) || ctx.pii().found()) {
                cache.counted(key, hit == null ? null : found);
                return hit != null ? Future.succeededFuture(hit) : missed(ctx, next, asked, admission);
            }
            return semantic.find(ctx, policy.semantic(), key, maxAge, admission).compose(similar -> {
                Reply semanticHit = similar == null ? null : hit(ctx, similar.answer(), similar.similarity());
                cache.counted(key, semanticHit == null ? null : similar.answer());
                return semanticHit != null ? Future.succeededFuture(semanticHit) : missed(ctx, next, asked, admission);
            });
        });
    }

    private static Future<Reply> missed(
            RequestContext ctx, Next next, CacheDirectives asked, CacheAdmission admission) {
        ctx.cache(CacheUse.of(CacheStatus.MISS));
        return asked.store() ? storing(ctx, next, admission) : next.run(ctx);
    }

    /**
     * The stored answer as this caller's reply, or null when it cannot be read back (then it is a miss).
     *
     * @param similarity a semantic hit's similarity, NaN for an exact hit
     */
    private Reply hit(RequestContext ctx, CachedAnswer found, double similarity) {
        ChatResponse answer;
        try {
            answer = found.decoded(ctx.door()::decodeAnswer);
        } catch (RuntimeException e) {
            // Not what this version stores (a shared tier written by another version, say): never fail the caller.
            LOG.warn(
                    "request {}: a cached answer could not be read and was dropped: {}", ctx.requestId(), e.toString());
            cache.drop(found.key());
            return null;
        }
        long age = found.ageSeconds(cache.nowMillis());
        ctx.cache(
                Double.isNaN(similarity)
                        ? CacheUse.hit(age, found.costUsd())
                        : CacheUse.semanticHit(age, found.costUsd(), similarity));
        if (!ctx.stream()) {
            return new Reply.Complete(200, Map.of(), Buffer.buffer(found.body()), found.usage(), answer.model());
        }
        // The stored answer holds placeholders only (PII is masked before the key and restored after the store).
        InboundRequest.Replay replay = ctx.inbound().replay(ctx.pii().restored(answer));
        List<Buffer> chunks = new ArrayList<>(replay.chunks().size());
        for (byte[] chunk : replay.chunks()) {
            chunks.add(Buffer.buffer(chunk));
        }
        return new Reply.Streaming(Map.of(), new ReplaySource(Vertx.currentContext(), chunks), replay.translator());
    }

    /** Goes upstream, storing the answer if it turns out complete and worth it. */
    private static Future<Reply> storing(RequestContext ctx, Next next, CacheAdmission admission) {
        if (ctx.stream()) {
            AnswerAssembler assembler = new AnswerAssembler();
            ctx.addStreamFilter(assembler);
            ctx.whenDone(() -> {
                RequestContext.Outcome o = ctx.outcome();
                ChatResponse answer = assembler.answer();
                if (o.status() == 200 && o.error() == null && !o.usageEstimated() && answer != null) {
                    admission.offer(ctx, answer, null);
                }
            });
            return next.run(ctx);
        }
        return next.run(ctx).map(reply -> {
            if (reply instanceof Reply.Complete c && c.status() == 200) {
                admission.offer(ctx, null, c.body().getBytes());
            }
            return reply;
        });
    }
}
