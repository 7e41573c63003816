package dev.meridian.server.budget;

import dev.meridian.core.routing.Deployment;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.limits.LimitStore;
import dev.meridian.server.pipeline.GroupDowngrade;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.server.routing.RouteTable;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a request from a budget's {@code downgrade_to} group when a {@code downgrade} budget that applies to the
 * caller has no room for the request's maximum cost at the asked group (its dearest deployment). Decided before
 * routing because the attempt loop's group is fixed once it starts; the reservation is still made per call by
 * {@link BudgetHook}, which refuses (429) when even the cheaper group does not fit.
 */
final class BudgetDowngrade implements GroupDowngrade {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetDowngrade.class);

    private final BudgetBook book;
    private final Future<Void> loaded;
    private final RouteTable routes;
    private final LimitStore store;

    BudgetDowngrade(BudgetBook book, Future<Void> loaded, RouteTable routes, LimitStore store) {
        this.book = book;
        this.loaded = loaded;
        this.routes = routes;
        this.store = store;
    }

    @Override
    public String downgradeTo(RequestContext ctx, ModelGroup group) {
        Principal p = ctx.principal();
        if (p == null || !loaded.succeeded()) {
            return null; // not loaded yet: the hook waits for the budgets and refuses what does not fit
        }
        List<BudgetBook.Live> budgets = book.applicable(p);
        long estimate = -1;
        for (BudgetBook.Live b : budgets) {
            String target = b.budget().downgradeTo();
            if (target == null || target.equals(group.name())) {
                continue;
            }
            if (estimate < 0) {
                estimate = dearest(ctx, group);
            }
            if (estimate > 0 && !store.likelyFits(b.meter(), estimate)) {
                if (routes.find(target) == null) {
                    LOG.warn(
                            "budget {} downgrades to `{}`, which is not a configured model",
                            b.budget().id(),
                            target);
                    continue;
                }
                return target;
            }
        }
        return null;
    }

    private static long dearest(RequestContext ctx, ModelGroup group) {
        long max = 0;
        long input = -1;
        for (Deployment<Route> d : group.deployments()) {
            Route r = d.target();
            if (r.pricing().price() == null) {
                continue;
            }
            if (input < 0) {
                input = CostEstimate.inputBound(ctx.inbound().canonical(), LimitHook.bodyBytes(ctx));
            }
            max = Math.max(max, CostEstimate.maxNanos(ctx.inbound().canonical(), input, r.pricing()));
        }
        return max;
    }
}
