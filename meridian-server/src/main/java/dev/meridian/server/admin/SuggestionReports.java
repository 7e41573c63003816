package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.server.suggest.GroupPrices;
import dev.meridian.server.suggest.Suggestion;
import dev.meridian.server.suggest.Suggestions;
import dev.meridian.store.model.Permission;
import dev.meridian.store.repo.SuggestionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /tenants/{id}/suggestions} (view_logs): where the tenant could have spent less over a window (default
 * the last 30 days), each with the evidence from its request log and an estimated monthly saving. The method is in
 * docs/admin-api.md.
 */
public final class SuggestionReports {

    /** The window as the caller wrote it; null bounds take their defaults. */
    record Request(Instant from, Instant to) {}

    private final SuggestionRepository repository;
    private final Lookups lookups;
    private final Clock clock;

    SuggestionReports(SuggestionRepository repository, Lookups lookups, Clock clock) {
        this.repository = repository;
        this.lookups = lookups;
        this.clock = clock;
    }

    /** @param prices the running gateway's groups and prices, read only once the caller may see the report */
    public Object tenant(Actor actor, String tenantId, Request r, Supplier<GroupPrices> prices) {
        check(actor, tenantId, Permission.VIEW_LOGS);
        lookups.tenant(tenantId);
        Instant to = r.to() != null ? r.to() : clock.instant();
        Instant from = r.from() != null ? r.from() : to.minus(Suggestions.MONTH);
        if (!from.isBefore(to)) {
            throw GatewayException.invalid("from", "`from` must be before `to`.");
        }
        List<Suggestion> found = new Suggestions(prices.get(), Duration.between(from, to))
                .compute(
                        repository.traffic(
                                tenantId, from, to, Suggestions.SMALL_INPUT_TOKENS, Suggestions.SMALL_OUTPUT_TOKENS),
                        repository.repeats(tenantId, from, to));
        ObjectNode root = Json.object()
                .put("object", "suggestions")
                .put("tenant_id", tenantId)
                .put("from", from.toString())
                .put("to", to.toString());
        root.putObject("method")
                .put("month_days", Suggestions.MONTH.toDays())
                .put("small_task_max_input_tokens", Suggestions.SMALL_INPUT_TOKENS)
                .put("small_task_max_output_tokens", Suggestions.SMALL_OUTPUT_TOKENS)
                .put("cheaper_tier_max_cost_ratio", Suggestions.TIER_COST_RATIO);
        ArrayNode data = root.putArray("data");
        found.forEach(s -> data.add(json(s)));
        return root;
    }

    private static ObjectNode json(Suggestion s) {
        ObjectNode n = Json.object();
        ObjectNode evidence = Json.object();
        if (s instanceof Suggestion.CheaperTier t) {
            n.put("kind", "cheaper_tier").put("model", t.model()).put("suggested_model", t.suggestedModel());
            evidence.put("requests", t.requests())
                    .put("small_requests", t.smallRequests())
                    .put("small_share", share(t.smallRequests(), t.requests()))
                    .put("small_cost_usd", usd(t.smallCostUsd()))
                    .put("small_cost_at_suggested_usd", usd(t.suggestedCostUsd()));
            ArrayNode alternatives = evidence.putArray("cheaper_models");
            t.alternatives().forEach(alternatives::add);
        } else if (s instanceof Suggestion.CachePotential c) {
            n.put("kind", "cache_potential").put("model", c.model());
            evidence.put("requests", c.requests())
                    .put("repeated_requests", c.repeatedRequests())
                    .put("repeated_share", share(c.repeatedRequests(), c.requests()))
                    .put("repeated_prompts", c.repeatedPrompts())
                    .put("repeat_cost_usd", usd(c.repeatCostUsd()));
        } else if (s instanceof Suggestion.CheaperRoute c) {
            n.put("kind", "cheaper_route").put("model", c.model()).put("suggested_deployment", c.suggestedDeployment());
            evidence.put("requests", c.requests())
                    .put("requests_elsewhere", c.requestsElsewhere())
                    .put("elsewhere_share", share(c.requestsElsewhere(), c.requests()))
                    .put("elsewhere_cost_usd", usd(c.elsewhereCostUsd()))
                    .put("elsewhere_cost_at_suggested_usd", usd(c.cheapestCostUsd()));
        }
        n.set("evidence", evidence);
        return n.put("estimated_monthly_saving_usd", usd(s.monthlySavingUsd()));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    /** Dollars to the micro-dollar, as the request log's costs are shown. */
    private static double usd(double value) {
        return Math.round(value * 1_000_000) / 1_000_000.0;
    }
}
