package dev.meridian.server.pipeline;

import dev.meridian.server.routing.ModelGroup;

/**
 * Moves a request to a cheaper model group before it is routed, for a reason of the caller's own (a budget at its
 * limit that says {@code downgrade}); load-based degradation is the group's own {@code degradeTo}. Asked by
 * {@link ResolveStage} once per request, on its event loop: must answer at once and not block.
 */
@FunctionalInterface
public interface GroupDowngrade {

    /** Never moves a request. */
    GroupDowngrade NONE = (ctx, group) -> null;

    /**
     * The name of the group to serve {@code ctx} from instead of {@code group}, or null to keep {@code group}. A name
     * returned must be a configured model group.
     */
    String downgradeTo(RequestContext ctx, ModelGroup group);
}
