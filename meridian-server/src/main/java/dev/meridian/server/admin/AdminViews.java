package dev.meridian.server.admin;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.server.budget.BudgetLedger;
import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.AuditVerification;
import dev.meridian.store.model.Budget;
import dev.meridian.store.model.BudgetAction;
import dev.meridian.store.model.BudgetScope;
import dev.meridian.store.model.KeyKind;
import dev.meridian.store.model.KeyStatus;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.RateLimits;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the admin API answers where a stored record must not be shown as it is. */
public final class AdminViews {

    private AdminViews() {}

    /** A key as shown: never its secret or hashes, only the prefix that tells keys apart. */
    public record KeyView(
            String id,
            String tenantId,
            String teamId,
            String userId,
            String name,
            String prefix,
            KeyKind kind,
            KeyStatus status,
            Instant expiresAt,
            List<String> allowedModels,
            RateLimits rateLimits,
            Map<String, String> metadata,
            Instant previousValidUntil,
            Instant createdAt,
            Instant revokedAt) {

        public static KeyView of(ApiKey k) {
            return new KeyView(
                    k.id(),
                    k.tenantId(),
                    k.teamId(),
                    k.userId(),
                    k.name(),
                    k.prefix(),
                    k.kind(),
                    k.status(),
                    k.expiresAt(),
                    k.allowedModels(),
                    k.rateLimits(),
                    k.metadata(),
                    k.previousValidUntil(),
                    k.createdAt(),
                    k.revokedAt());
        }
    }

    /** A budget as shown: its settings and its money in the current period. */
    public record BudgetView(
            String id,
            String tenantId,
            BudgetScope scope,
            String scopeId,
            String period,
            String timeZone,
            double limitUsd,
            BudgetAction onExceed,
            String downgradeTo,
            List<Double> alertAt,
            double spentUsd,
            double reservedUsd,
            double remainingUsd,
            Instant periodStart,
            Instant periodEnd,
            Instant createdAt,
            Instant updatedAt) {

        public static BudgetView of(Budget b, BudgetLedger.Spend s) {
            return new BudgetView(
                    b.id(),
                    b.tenantId(),
                    b.scope(),
                    b.scopeId(),
                    b.period().toLowerCase(java.util.Locale.ROOT),
                    b.timeZone(),
                    b.limitUsd(),
                    b.onExceed(),
                    b.downgradeTo(),
                    b.alertAt(),
                    s.spentUsd(),
                    s.reservedUsd(),
                    s.remainingUsd(),
                    s.periodStart(),
                    s.periodEnd(),
                    b.createdAt(),
                    b.updatedAt());
        }
    }

    /** A key just created or rotated, with its secret: the only answer that ever carries one. */
    public record IssuedKey(KeyView key, String secret) {

        @JsonValue
        ObjectNode json() {
            ObjectNode n = AdminJson.mapper().valueToTree(key);
            n.put("secret", secret);
            return n;
        }

        @Override
        public String toString() {
            return "IssuedKey[" + key + ", secret=" + key.prefix() + "...]";
        }
    }

    /** A page of a listing: {@code {"object":"list","data":[...],"next_cursor":...}}. */
    public record ListView<T>(List<T> data, String nextCursor) {

        public static <T> ListView<T> of(Page<T> page) {
            return new ListView<>(page.items(), page.nextCursor());
        }

        public static <T> ListView<T> of(List<T> items) {
            return new ListView<>(items, null);
        }

        @JsonValue
        ObjectNode json() {
            ObjectNode n = AdminJson.mapper().createObjectNode();
            n.put("object", "list");
            n.set("data", AdminJson.mapper().valueToTree(data));
            n.put("next_cursor", nextCursor);
            return n;
        }
    }

    /** An audit entry as the API and audit.jsonl show it: before and after as JSON objects. */
    public record AuditView(ObjectNode entry) {
        @JsonValue
        JsonNode json() {
            return entry;
        }
    }

    /** What checking the audit chain found: {@code intact}, or the first broken entry and what is wrong there. */
    public record AuditChainView(boolean intact, long checked, Long brokenEntryId, Long brokenSeq, String problem) {
        static AuditChainView of(AuditVerification v) {
            return new AuditChainView(v.isIntact(), v.checked(), v.brokenEntryId(), v.brokenSeq(), v.problem());
        }
    }
}
