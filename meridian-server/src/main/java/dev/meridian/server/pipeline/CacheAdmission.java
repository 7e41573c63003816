package dev.meridian.server.pipeline;

import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.FinishReason;
import dev.meridian.server.cache.CacheKey;
import dev.meridian.server.cache.CachedAnswer;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.server.config.CacheConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether one fresh answer is stored, and stores it. Only a complete, successful answer of the group that
 * was asked is: every choice finished for a reason other than the content filter, no tool call unless the policy
 * allows them, not served by a fallback group (whose answer is not this group's), at least the policy's minimum
 * cost at the serving deployment's price (no price counts as $0), and no larger than the largest entry. Nothing here
 * can fail the request: an answer that cannot be read back is simply not stored.
 */
final class CacheAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(CacheAdmission.class);

    private final ResponseCache cache;
    private final CacheConfig policy;
    private final CacheKey key;
    private final long ttlSeconds;
    private String rest;
    private float[] vector;

    CacheAdmission(ResponseCache cache, CacheConfig policy, CacheKey key, long ttlSeconds) {
        this.cache = cache;
        this.policy = policy;
        this.key = key;
        this.ttlSeconds = ttlSeconds;
    }

    /** The prompt's embedding, from a semantic miss: a stored answer is indexed under it for similar prompts. */
    void indexAs(String rest, float[] vector) {
        this.rest = rest;
        this.vector = vector;
    }

    /**
     * @param answer the canonical answer, or null to read it from {@code body}
     * @param body   the answer in the caller's protocol, or null to encode it from {@code answer}
     */
    void offer(RequestContext ctx, ChatResponse answer, byte[] body) {
        RequestContext.Served served = ctx.served();
        if (served == null || !served.group().equals(key.group()) || ttlSeconds <= 0) {
            return;
        }
        try {
            ChatResponse read = answer != null ? answer : ctx.door().decodeAnswer(body);
            if (!storable(read)) {
                return;
            }
            Double cost = served.cost(read.usage());
            double usd = cost == null ? 0 : cost;
            if (usd < policy.minCostUsd()) {
                return;
            }
            byte[] bytes = body != null ? body : ctx.door().encodeAnswer(read);
            if (bytes.length > cache.maxEntrySize()) {
                return;
            }
            long now = cache.nowMillis();
            long expires = now + ttlSeconds * 1000;
            cache.store(new CachedAnswer(key, bytes, now, expires, usd, read.usage()));
            if (vector != null) {
                cache.semantic().add(key, rest, vector, expires);
            }
            ctx.cache().stored();
        } catch (RuntimeException e) {
            LOG.warn("request {}: the answer was not cached: {}", ctx.requestId(), e.toString());
        }
    }

    private boolean storable(ChatResponse answer) {
        if (answer.choices().isEmpty()) {
            return false;
        }
        for (Choice c : answer.choices()) {
            FinishReason reason = c.finishReason();
            if (reason == null || reason == FinishReason.CONTENT_FILTER) {
                return false;
            }
            if (!policy.toolCalls()
                    && (reason == FinishReason.TOOL_CALLS
                            || !c.message().toolCalls().isEmpty())) {
                return false;
            }
        }
        return true;
    }
}
