package dev.meridian.server.attempt;

import dev.meridian.core.inbound.PromptPrefix;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.tokens.TokenEstimate;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.routing.Route;

/**
 * What one attempt asks of the provider's prompt cache, for a group with {@code cache.providerPrompt: auto}: the
 * Anthropic adapter may insert breakpoints (it checks the model's minimum itself), and a request whose stable
 * prefix is past OpenAI's minimum carries a cache key of its tenant and prefix. The same prefix is what
 * {@link Candidates} keeps on one deployment.
 */
final class PromptCacheHints {

    /**
     * OpenAI caches prompts of 1,024 tokens or more (https://platform.openai.com/docs/guides/prompt-caching); at
     * {@link TokenEstimate#CHARS_PER_TOKEN} bytes a token, a shorter prefix is not read at all.
     */
    static final long MIN_PREFIX_BYTES = 1024L * TokenEstimate.CHARS_PER_TOKEN;

    private PromptCacheHints() {}

    /** The request's stable prefix when the route's group uses the prompt cache and it is long enough; else null. */
    static PromptPrefix prefix(RequestContext ctx, Route route) {
        return route.promptCacheAuto() ? ctx.inbound().promptPrefix(MIN_PREFIX_BYTES) : null;
    }

    static PromptCaching caching(RequestContext ctx, Route route) {
        if (!route.promptCacheAuto()) {
            return PromptCaching.OFF;
        }
        PromptPrefix prefix = prefix(ctx, route);
        String tenant = ctx.principal() == null ? null : ctx.principal().tenantId();
        return new PromptCaching(true, prefix == null ? null : prefix.cacheKey(tenant));
    }
}
