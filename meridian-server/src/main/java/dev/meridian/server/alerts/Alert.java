package dev.meridian.server.alerts;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alert, as every channel receives it.
 *
 * @param kind     what happened, stable for receivers to branch on: {@code budget_threshold}, {@code test}
 * @param tenantId the tenant it is about, or null for a platform alert; channels limited to tenants filter on it
 * @param subject  one line (e-mail subject, Slack headline)
 * @param text     the human-readable body
 * @param fields   details for machines, in order; values are strings, numbers or booleans
 */
public record Alert(String kind, String tenantId, String subject, String text, Map<String, Object> fields) {

    public static final String BUDGET_THRESHOLD = "budget_threshold";
    public static final String TEST = "test";

    public Alert {
        requireNonNull(kind, "kind");
        requireNonNull(subject, "subject");
        requireNonNull(text, "text");
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        fields.forEach((k, v) -> {
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new IllegalArgumentException("alert field " + k + " must be a string, number or boolean");
            }
        });
    }

    /**
     * The alert a budget raises when its spend crosses {@code fraction} of its limit.
     *
     * @param scope   tenant, team, user or key
     * @param scopeId the id of the team, user or key (the tenant's id for a tenant budget)
     */
    public static Alert budgetThreshold(
            String tenantId,
            String budgetId,
            String scope,
            String scopeId,
            Instant periodStart,
            double fraction,
            BigDecimal spentUsd,
            BigDecimal limitUsd) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("budget_id", budgetId);
        fields.put("scope", scope);
        fields.put("scope_id", scopeId);
        fields.put("period_start", periodStart.toString());
        fields.put("fraction", fraction);
        fields.put("spent_usd", spentUsd);
        fields.put("limit_usd", limitUsd);
        String percent = BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "%";
        return new Alert(
                BUDGET_THRESHOLD,
                tenantId,
                "Budget " + budgetId + " has reached " + percent + " of its limit",
                "The " + scope + " budget " + budgetId + " (" + scope + " " + scopeId + ") of tenant " + tenantId
                        + " has spent $" + spentUsd.toPlainString() + " of $" + limitUsd.toPlainString()
                        + " in the period that started " + periodStart + ".",
                fields);
    }

    /**
     * The dedupe key of a budget threshold alert: {@code budget:<id>:<periodStart>:<fraction>}, so each threshold is
     * alerted once per budget and period, however many requests and replicas cross it.
     */
    public static String budgetDedupeKey(String budgetId, Instant periodStart, double fraction) {
        return "budget:" + budgetId + ":" + periodStart + ":" + fraction;
    }
}
