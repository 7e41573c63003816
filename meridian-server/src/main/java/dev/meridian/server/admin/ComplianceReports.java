package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.ComplianceFigures;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.Tenant;
import dev.meridian.store.repo.ComplianceRepository;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A tenant's compliance report for a period, {@code GET /tenants/{id}/compliance-report?from&to}: requests by region
 * and provider, cross-border transfers, PII detections by class and action, admin actions by actor, key lifecycle
 * events and erasures. JSON, or a printable HTML page ({@code Accept: text/html} or {@code format=html}). For the
 * tenant's admins (view_audit) and the super-admin. Each generation is itself audited ({@code compliance.report}):
 * the report gathers evidence about the tenant's personal data, and who pulled it, when, is part of that evidence.
 */
public final class ComplianceReports {

    /** The audit action of a report's generation. */
    public static final String ACTION = "compliance.report";

    /** The longest period a report covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    /** The query of a report, as the caller wrote it. */
    record Request(String from, String to, String format, String accept) {}

    private final ComplianceRepository compliance;
    private final Lookups lookups;
    private final AuditTrail audit;
    private final Clock clock;

    ComplianceReports(ComplianceRepository compliance, Lookups lookups, AuditTrail audit, Clock clock) {
        this.compliance = compliance;
        this.lookups = lookups;
        this.audit = audit;
        this.clock = clock;
    }

    /** The report; blocking (its queries run on the caller's worker thread). */
    public Object tenant(Actor actor, String tenantId, Request r) {
        check(actor, tenantId, Permission.VIEW_AUDIT);
        Tenant tenant = lookups.tenant(tenantId);
        Instant from = bound("from", r.from(), false);
        Instant to = bound("to", r.to(), true);
        if (!from.isBefore(to)) {
            throw GatewayException.invalid("from", "`from` must be before `to`.");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw GatewayException.invalid(
                    "to",
                    "A compliance report covers at most " + MAX_PERIOD.toDays() + " days; ask for a shorter period.");
        }
        boolean html = html(r.format(), r.accept());
        ComplianceFigures figures = compliance.report(tenantId, from, to);
        ObjectNode report = json(tenant, from, to, clock.instant(), figures);
        audit.record(
                actor,
                tenantId,
                ACTION,
                "tenant",
                tenantId,
                null,
                Map.of("from", from.toString(), "to", to.toString(), "format", html ? "html" : "json"));
        return html ? new AdminText("text/html; charset=utf-8", ComplianceHtml.page(report)) : report;
    }

    /**
     * {@code text} as an instant: an ISO-8601 instant, or a date (UTC), which for {@code to} means the end of that day
     * (so {@code from=2030-01-01&to=2030-01-31} is the whole of January).
     */
    static Instant bound(String param, String text, boolean end) {
        if (text == null || text.isBlank()) {
            throw GatewayException.invalid(param, "`" + param + "` is required: an ISO-8601 instant or date.");
        }
        Instant instant = Validation.instant(text);
        if (instant != null) {
            return instant;
        }
        try {
            LocalDate day = LocalDate.parse(text);
            Instant start = (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (!start.isBefore(Validation.EARLIEST) && !start.isAfter(Validation.LATEST)) {
                return start;
            }
        } catch (DateTimeException e) { // malformed, or a year beyond what LocalDate holds
            // answered below
        }
        throw GatewayException.invalid(
                param, "`" + param + "` must be " + Validation.INSTANT_FORM + ", or a date such as 2030-01-31.");
    }

    /**
     * Whether the caller asked for HTML: {@code format=html}; without a format, an Accept header that ranks
     * {@code text/html} above {@code application/json} (a browser's does; {@code *}{@code /*} alone means JSON).
     */
    static boolean html(String format, String accept) {
        if (format != null) {
            return switch (format) {
                case "json" -> false;
                case "html" -> true;
                default -> throw GatewayException.invalid("format", "`format` must be json or html.");
            };
        }
        if (accept == null) {
            return false;
        }
        double html = 0, json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html > json;
    }

    static ObjectNode json(Tenant tenant, Instant from, Instant to, Instant generated, ComplianceFigures f) {
        ObjectNode root = Json.object().put("object", "compliance_report");
        root.putObject("tenant").put("id", tenant.id()).put("name", tenant.name());
        root.put("from", from.toString()).put("to", to.toString()).put("generated_at", generated.toString());

        ObjectNode requests = root.putObject("requests");
        long count = 0, in = 0, out = 0;
        double cost = 0;
        ArrayNode byRegion = Json.NODES.arrayNode();
        for (ComplianceFigures.Traffic t : f.traffic()) {
            byRegion.addObject()
                    .put("region", t.region())
                    .put("provider", t.provider())
                    .put("requests", t.requests())
                    .put("input_tokens", t.inputTokens())
                    .put("output_tokens", t.outputTokens())
                    .put("cost_usd", t.costUsd());
            count += t.requests();
            in += t.inputTokens();
            out += t.outputTokens();
            cost += t.costUsd();
        }
        requests.putObject("total")
                .put("requests", count)
                .put("input_tokens", in)
                .put("output_tokens", out)
                .put("cost_usd", cost);
        requests.set("by_region_provider", byRegion);

        ObjectNode transfers = root.putObject("cross_border_transfers");
        ArrayNode byRule = Json.NODES.arrayNode();
        long transferred = 0;
        for (ComplianceFigures.Transfer t : f.transfers()) {
            byRule.addObject()
                    .put("rule", t.rule())
                    .put("source_country", t.sourceCountry())
                    .put("destination_country", t.destinationCountry())
                    .put("requests", t.requests());
            transferred += t.requests();
        }
        transfers.put("total", transferred).set("by_rule", byRule);

        ArrayNode pii = root.putArray("pii_detections");
        for (ComplianceFigures.Detections d : f.pii()) {
            pii.addObject()
                    .put("class", d.type())
                    .put("action", d.action())
                    .put("values", d.values())
                    .put("requests", d.requests());
        }

        ArrayNode actions = root.putArray("admin_actions");
        for (ComplianceFigures.AdminActions a : f.adminActions()) {
            actions.addObject()
                    .put("actor", a.actor())
                    .put("action", a.action())
                    .put("count", a.count());
        }

        ObjectNode keys = root.putObject("key_events");
        ArrayNode keyData = keys.putArray("data");
        for (AuditEntry e : limited(f.keyEvents())) {
            keyData.addObject()
                    .put("ts", e.ts().toString())
                    .put("actor", e.actor())
                    .put("key_id", e.targetId())
                    .put("action", e.action());
        }
        keys.put("truncated", f.keyEvents().size() > ComplianceFigures.MAX_EVENTS);

        ObjectNode erasures = root.putObject("erasures");
        ArrayNode erasureData = erasures.putArray("data");
        for (AuditEntry e : limited(f.erasures())) {
            ObjectNode n = erasureData
                    .addObject()
                    .put("ts", e.ts().toString())
                    .put("actor", e.actor())
                    .put("target_type", e.targetType())
                    .put("target_id", e.targetId());
            n.set("counts", counts(e.afterJson()));
        }
        erasures.put("truncated", f.erasures().size() > ComplianceFigures.MAX_EVENTS);
        return root;
    }

    private static List<AuditEntry> limited(List<AuditEntry> events) {
        return events.size() > ComplianceFigures.MAX_EVENTS ? events.subList(0, ComplianceFigures.MAX_EVENTS) : events;
    }

    /** What an erasure entry recorded it removed (its {@code after} object), or an empty object. */
    private static JsonNode counts(String afterJson) {
        if (afterJson == null) {
            return Json.object();
        }
        try {
            JsonNode node = Json.parseTrusted(afterJson);
            return node.isObject() ? node : Json.object();
        } catch (RuntimeException e) {
            return Json.object();
        }
    }
}
