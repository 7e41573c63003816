package dev.meridian.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The printable form of a compliance report: one self-contained HTML page (inline CSS with print rules, no script,
 * no external resource), written from the report's JSON so the two never disagree. Every value is HTML-escaped:
 * tenant names, actors and ids are whatever admins typed.
 */
final class ComplianceHtml {

    private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;"
            + "margin:2rem;max-width:60rem}h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;"
            + "margin-top:2rem;border-bottom:1px solid #999}p.meta{color:#444;margin-top:0}table{border-collapse:"
            + "collapse;width:100%;font-size:.9rem}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;"
            + "vertical-align:top}th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}"
            + "p.none{color:#666;font-style:italic}"
            + "@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}"
            + "table{page-break-inside:auto}tr{break-inside:avoid}thead{display:table-header-group}"
            + "th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
            + "@page{margin:1.5cm}";

    private ComplianceHtml() {}

    static String page(JsonNode r) {
        StringBuilder out = new StringBuilder(8192);
        String tenant =
                r.at("/tenant/name").asText() + " (" + r.at("/tenant/id").asText() + ")";
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Compliance report: ")
                .append(escape(tenant))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n<h1>Compliance report: ")
                .append(escape(tenant))
                .append("</h1>\n<p class=\"meta\">Period ")
                .append(escape(r.path("from").asText()))
                .append(" to ")
                .append(escape(r.path("to").asText()))
                .append(" (end exclusive). Generated ")
                .append(escape(r.path("generated_at").asText()))
                .append(".</p>\n");

        JsonNode total = r.at("/requests/total");
        section(out, "Requests by region and provider");
        out.append("<p>")
                .append(escape(total.path("requests").asText()))
                .append(" requests, ")
                .append(escape(total.path("input_tokens").asText()))
                .append(" input and ")
                .append(escape(total.path("output_tokens").asText()))
                .append(" output tokens, ")
                .append(escape(usd(total.path("cost_usd"))))
                .append(" USD.</p>\n");
        table(
                out,
                r.at("/requests/by_region_provider"),
                List.of("Region", "Provider", "Requests", "Input tokens", "Output tokens", "Cost (USD)"),
                List.of("region", "provider", "requests", "input_tokens", "output_tokens", "cost_usd"));

        section(out, "Cross-border transfers");
        out.append("<p>")
                .append(escape(r.at("/cross_border_transfers/total").asText()))
                .append(" requests processed outside the home country.</p>\n");
        table(
                out,
                r.at("/cross_border_transfers/by_rule"),
                List.of("Rule", "Source country", "Destination country", "Requests"),
                List.of("rule", "source_country", "destination_country", "requests"));

        section(out, "PII detections by class and action");
        table(
                out,
                r.path("pii_detections"),
                List.of("Data class", "Action", "Values found", "Requests"),
                List.of("class", "action", "values", "requests"));

        section(out, "Admin actions by actor");
        table(out, r.path("admin_actions"), List.of("Actor", "Action", "Count"), List.of("actor", "action", "count"));

        section(out, "Key lifecycle events");
        table(
                out,
                r.at("/key_events/data"),
                List.of("When", "Actor", "Key", "Action"),
                List.of("ts", "actor", "key_id", "action"));
        truncated(out, r.at("/key_events/truncated"));

        section(out, "Erasures");
        table(
                out,
                r.at("/erasures/data"),
                List.of("When", "Actor", "Subject", "Subject id", "Counts"),
                List.of("ts", "actor", "target_type", "target_id", "counts"));
        truncated(out, r.at("/erasures/truncated"));
        return out.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder out, String title) {
        out.append("<h2>").append(escape(title)).append("</h2>\n");
    }

    private static void truncated(StringBuilder out, JsonNode flag) {
        if (flag.asBoolean()) {
            out.append("<p class=\"none\">Only the first events are listed: ask for a shorter period.</p>\n");
        }
    }

    private static void table(StringBuilder out, JsonNode rows, List<String> headers, List<String> fields) {
        if (!rows.isArray() || rows.isEmpty()) {
            out.append("<p class=\"none\">None in this period.</p>\n");
            return;
        }
        out.append("<table><thead><tr>");
        headers.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (JsonNode row : rows) {
            out.append("<tr>");
            for (String field : fields) {
                JsonNode v = row.path(field);
                out.append(v.isNumber() ? "<td class=\"n\">" : "<td>")
                        .append(escape(cell(field, v)))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static String cell(String field, JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return "none";
        }
        if (field.equals("cost_usd")) {
            return usd(v);
        }
        if (v.isObject()) {
            StringBuilder s = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                s.append(s.length() == 0 ? "" : ", ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue().asText());
            }
            return s.toString();
        }
        return v.asText();
    }

    private static String usd(JsonNode v) {
        return String.format(java.util.Locale.ROOT, "%.6f", v.asDouble());
    }

    /** {@code text} safe in HTML element content and in quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
