package dev.meridian.server.attempt;

import dev.meridian.core.routing.FailureClass;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.RoutePlan;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.routing.RoutingMetrics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which model group to move to once a group cannot answer: the group's own chain for the last failure class (a
 * group with no usable deployment counts as a server error) goes ahead of what was pending (a smart choice's
 * other candidates); a group is visited at most once. One per request.
 */
final class FallbackPolicy {

    private final RouteTable table;
    private final RoutingMetrics metrics;
    private final TraceRecorder trace;
    private final Deque<String> pending = new ArrayDeque<>(4);
    private final Set<String> visited = new HashSet<>(4);

    FallbackPolicy(RouteTable table, RoutePlan plan, RoutingMetrics metrics, TraceRecorder trace) {
        this.table = table;
        this.metrics = metrics;
        this.trace = trace;
        pending.addAll(plan.extraFallbacks());
        visited.add(plan.group().name());
    }

    /**
     * The next group to try after {@code current} failed with {@code last} (null: nothing was usable), or null; a
     * move is counted in the metrics and the trace.
     */
    ModelGroup next(ModelGroup current, FailureClass last) {
        List<String> chain = current.fallbacks(last != null ? last : FailureClass.SERVER_ERROR);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!visited.contains(chain.get(i))) {
                pending.addFirst(chain.get(i));
            }
        }
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            ModelGroup next = table.find(name);
            if (next != null && visited.add(name)) {
                String reason = last == null ? "unavailable" : last.configName();
                metrics.fallback(current.name(), next.name(), reason);
                trace.fallback(next.name(), reason);
                return next;
            }
        }
        return null;
    }
}
