package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.checkSuperAdmin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.UsageDimension;
import dev.meridian.store.model.UsageQuery;
import dev.meridian.store.model.UsageRow;
import dev.meridian.store.repo.UsageRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Cost, tokens and requests over a time range, grouped by model, provider, team, user, key and day (and tenant,
 * platform-wide), as JSON or CSV: {@code GET /tenants/{id}/usage} (view_logs) and {@code GET /usage} (super-admin).
 * The figures are sums of the request log's own records, so a report reconciles with them to the cent. Without
 * {@code from}, a report starts at the current UTC month's first day; without {@code to}, it ends now.
 */
public final class UsageReports {

    /** The query of a usage report, as the caller wrote it. */
    record Request(Instant from, Instant to, String groupBy, String format) {}

    private final UsageRepository usage;
    private final Lookups lookups;
    private final Clock clock;

    UsageReports(UsageRepository usage, Lookups lookups, Clock clock) {
        this.usage = usage;
        this.lookups = lookups;
        this.clock = clock;
    }

    public Object tenant(Actor actor, String tenantId, Request r) {
        check(actor, tenantId, Permission.VIEW_LOGS);
        lookups.tenant(tenantId);
        return report(tenantId, r, false);
    }

    public Object platform(Actor actor, Request r) {
        checkSuperAdmin(actor, "read the platform's usage");
        return report(null, r, true);
    }

    private Object report(String tenantId, Request r, boolean platform) {
        Instant to = r.to() != null ? r.to() : clock.instant();
        Instant from = r.from() != null
                ? r.from()
                : LocalDate.ofInstant(to, ZoneOffset.UTC)
                        .withDayOfMonth(1)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC);
        if (!from.isBefore(to)) {
            throw GatewayException.invalid("from", "`from` must be before `to`.");
        }
        List<UsageDimension> dims = dimensions(r.groupBy(), platform);
        boolean csv = format(r.format());
        List<UsageRow> rows = usage.report(new UsageQuery(tenantId, from, to, dims));
        UsageRow total =
                usage.report(new UsageQuery(tenantId, from, to, List.of())).get(0);
        return csv
                ? new AdminText("text/csv; charset=utf-8", UsageCsv.write(dims, rows))
                : json(tenantId, from, to, dims, rows, total);
    }

    private static boolean format(String format) {
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw GatewayException.invalid("format", "`format` must be json or csv.");
    }

    static List<UsageDimension> dimensions(String groupBy, boolean platform) {
        List<UsageDimension> dims = new ArrayList<>();
        if (groupBy == null || groupBy.isBlank()) {
            return dims;
        }
        for (String name : groupBy.split(",", -1)) {
            UsageDimension d = UsageDimension.parse(name.strip())
                    .filter(x -> platform || x != UsageDimension.TENANT)
                    .orElseThrow(() -> GatewayException.invalid(
                            "group_by",
                            "`group_by` takes a comma-separated list of model, provider, team, user, key, day"
                                    + (platform ? ", tenant" : "") + "; '" + name.strip() + "' is not one."));
            if (dims.contains(d)) {
                throw GatewayException.invalid("group_by", "`group_by` names '" + d.wireName() + "' twice.");
            }
            dims.add(d);
        }
        return dims;
    }

    private static ObjectNode json(
            String tenantId, Instant from, Instant to, List<UsageDimension> dims, List<UsageRow> rows, UsageRow total) {
        ObjectNode root = Json.object().put("object", "usage_report");
        if (tenantId != null) {
            root.put("tenant_id", tenantId);
        }
        root.put("from", from.toString()).put("to", to.toString());
        ArrayNode by = root.putArray("group_by");
        dims.forEach(d -> by.add(d.wireName()));
        ArrayNode data = root.putArray("data");
        for (UsageRow row : rows) {
            ObjectNode n = data.addObject();
            for (UsageDimension d : dims) {
                n.put(d.wireName(), row.groups().get(d));
            }
            figures(n, row);
        }
        root.put("truncated", rows.size() >= UsageQuery.MAX_ROWS);
        figures(root.putObject("total"), total);
        return root;
    }

    private static void figures(ObjectNode n, UsageRow row) {
        n.put("requests", row.requests())
                .put("input_tokens", row.inputTokens())
                .put("output_tokens", row.outputTokens())
                .put("cached_tokens", row.cachedTokens())
                .put("reasoning_tokens", row.reasoningTokens())
                .put("cost_usd", row.costUsd())
                .put("billed_cost_usd", row.billedCostUsd())
                .put("unpriced_requests", row.unpricedRequests())
                .put("cache_write_tokens", row.cacheWriteTokens())
                .put("prompt_cache_saved_usd", row.promptCacheSavedUsd())
                .put("cache_hits", row.cacheHits())
                .put("cache_saved_usd", row.cacheSavedUsd());
    }
}
