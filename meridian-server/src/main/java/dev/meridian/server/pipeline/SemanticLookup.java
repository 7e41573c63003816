package dev.meridian.server.pipeline;

import dev.meridian.core.cache.SemanticPrompt;
import dev.meridian.server.cache.CacheKey;
import dev.meridian.server.cache.CachedAnswer;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.server.cache.SemanticCache;
import dev.meridian.server.config.SemanticCacheConfig;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic cache's lookup after an exact miss: the prompt's text is embedded ({@link PromptEmbedder}), the
 * group's index gives the nearest earlier prompt of the caller's namespace with the same other fields, and when it is
 * similar enough its answer is read from the exact cache like any other. On a miss the admission is told the
 * prompt's vector, so that the fresh answer, if stored, is indexed too. Never fails: an embedding call or a search
 * that fails is a miss (counted as an error). Confined to the request's event loop.
 */
final class SemanticLookup {

    /** A prompt longer than this is not embedded (about 8k tokens, what embedding models take at most). */
    static final int MAX_TEXT_CHARS = 24_000;

    private static final Logger LOG = LoggerFactory.getLogger(SemanticLookup.class);

    /** A semantic hit: the answer, and how similar its prompt was to the caller's. */
    record Found(CachedAnswer answer, double similarity) {}

    private final ResponseCache cache;
    private final PromptEmbedder embedder;

    SemanticLookup(ResponseCache cache, PromptEmbedder embedder) {
        this.cache = cache;
        this.embedder = embedder;
    }

    /**
     * @param key           the caller's exact key (its namespace and group)
     * @param maxAgeSeconds the oldest answer the caller accepts (negative: any)
     * @param admission     told the prompt's vector on a miss
     * @return the similar answer, or null
     */
    Future<Found> find(
            RequestContext ctx,
            SemanticCacheConfig policy,
            CacheKey key,
            long maxAgeSeconds,
            CacheAdmission admission) {
        SemanticCache semantic = cache.semantic();
        SemanticPrompt prompt;
        try {
            prompt = ctx.inbound().semanticPrompt(key.group());
        } catch (RuntimeException e) {
            LOG.warn(
                    "request {}: the prompt could not be read for the semantic cache: {}",
                    ctx.requestId(),
                    e.toString());
            return Future.succeededFuture();
        }
        if (prompt.text().isEmpty() || prompt.text().length() > MAX_TEXT_CHARS) {
            return Future.succeededFuture();
        }
        String rest = prompt.restSha256();
        return embedder.embed(ctx, policy.embeddingModel(), policy.dimensions(), prompt.text())
                .compose(vector -> {
                    admission.indexAs(rest, vector);
                    return semantic.nearest(key, rest, vector, policy.threshold());
                })
                .compose(match -> match == null ? Future.succeededFuture() : answer(match, rest, maxAgeSeconds))
                .map(found -> {
                    semantic.counted(key.group(), found == null ? "miss" : "hit");
                    return found;
                })
                .otherwise(e -> {
                    semantic.counted(key.group(), "error");
                    LOG.debug("request {}: semantic lookup failed, a miss: {}", ctx.requestId(), e.toString());
                    return null;
                });
    }

    /** The matched prompt's answer, unless it is gone (then the entry is forgotten) or older than the caller takes. */
    private Future<Found> answer(SemanticCache.Match match, String rest, long maxAgeSeconds) {
        return cache.find(match.answer(), -1).map(a -> {
            if (a == null) {
                cache.semantic().forget(match, rest);
                return null;
            }
            if (maxAgeSeconds >= 0 && cache.nowMillis() - a.storedAtMillis() > maxAgeSeconds * 1000) {
                return null;
            }
            return new Found(a, match.similarity());
        });
    }
}
