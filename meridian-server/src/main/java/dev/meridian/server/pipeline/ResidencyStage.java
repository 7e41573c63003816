package dev.meridian.server.pipeline;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.routing.RouteTable;
import io.vertx.core.Future;

/**
 * The data-residency rule the request is held to: the tenant's when it has one (a header cannot relax it), else
 * the {@code x-meridian-residency} header's, else the configured default. An unknown rule is a 400.
 */
public final class ResidencyStage implements Stage {

    private final RouteTable table;

    public ResidencyStage(RouteTable table) {
        this.table = table;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        String rule = ctx.principal() == null ? null : ctx.principal().residencyRule();
        if (rule == null || rule.isBlank()) {
            rule = ctx.caller().request().getHeader("x-meridian-residency");
        }
        if (rule == null || rule.isBlank()) {
            rule = table.defaultResidencyRule();
        }
        if (rule != null && !table.residency().knows(rule)) {
            throw GatewayException.builder(
                            ErrorCode.INVALID_REQUEST,
                            "Unknown data-residency rule '" + rule + "'; known rules: "
                                    + String.join(", ", table.residency().ruleNames()) + ".")
                    .param("x-meridian-residency")
                    .build();
        }
        ctx.residencyRule(rule);
        return next.run(ctx);
    }
}
