package dev.meridian.server.pipeline;

import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.RouteTable;
import io.vertx.core.Future;

/**
 * Decodes (and so validates) the canonical request before admission whenever the plan may translate it: some
 * deployment the plan can reach speaks another protocol than the caller's, or pass-through is off for this
 * request. A request that only ever passes through was validated by its front door's scan and is not decoded.
 */
public final class DecodeStage implements Stage {

    private final RouteTable table;

    public DecodeStage(RouteTable table) {
        this.table = table;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        if (!ctx.inbound().passThroughAllowed() || translates(ctx)) {
            ctx.inbound().canonical();
        }
        return next.run(ctx);
    }

    private boolean translates(RequestContext ctx) {
        if (table.translates(ctx.plan().group(), ctx.door().protocol())) {
            return true;
        }
        for (String name : ctx.plan().extraFallbacks()) {
            ModelGroup group = table.find(name);
            if (group != null && table.translates(group, ctx.door().protocol())) {
                return true;
            }
        }
        return false;
    }
}
