package dev.meridian.server.pipeline;

import dev.meridian.server.routing.Admission;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.RoutePlan;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.routing.RoutingMetrics;
import io.vertx.core.Future;
import java.util.List;

/**
 * Turns the model name into a {@link RoutePlan}: the model group (404 for an unknown name); for a smart group
 * ({@code auto}) the cheapest candidate for the task and tier, the other candidates becoming its fallbacks; then
 * degradation, which serves a group with {@code degradeTo} from that cheaper group while the gateway's load is at
 * or above {@code degradeAt}; last a {@link GroupDowngrade} (a budget at its limit) may move it to a cheaper group.
 */
public final class ResolveStage implements Stage {

    private final RouteTable table;
    private final Admission admission;
    private final RoutingMetrics metrics;
    private final SmartSelection smart;
    private final GroupDowngrade downgrade;

    public ResolveStage(RouteTable table, Admission admission, RoutingMetrics metrics, GroupDowngrade downgrade) {
        this.table = table;
        this.admission = admission;
        this.metrics = metrics;
        this.smart = new SmartSelection(table, metrics);
        this.downgrade = downgrade;
    }

    @Override
    public Future<Reply> apply(RequestContext ctx, Next next) {
        ModelGroup group = table.group(ctx.model());
        List<String> extraFallbacks = List.of();
        SmartSelection.Choice choice = null;
        if (group.smart()) {
            choice = smart.choose(ctx, group);
            group = table.find(choice.groups().get(0));
            extraFallbacks = choice.groups().subList(1, choice.groups().size());
        }
        String degradedFrom = null;
        if (group.degradeTo() != null && admission.load() >= group.degradeAt()) {
            degradedFrom = group.name();
            metrics.degraded(group.name(), group.degradeTo());
            group = table.group(group.degradeTo());
        }
        String cheaper = downgrade.downgradeTo(ctx, group);
        if (cheaper != null && !cheaper.equals(group.name())) {
            if (degradedFrom == null) {
                degradedFrom = group.name();
            }
            metrics.degraded(group.name(), cheaper);
            group = table.group(cheaper);
        }
        ctx.plan(new RoutePlan(
                group,
                extraFallbacks,
                choice == null ? null : choice.summary(),
                degradedFrom,
                ctx.caller().request().getHeader("x-meridian-region")));
        return next.run(ctx);
    }
}
