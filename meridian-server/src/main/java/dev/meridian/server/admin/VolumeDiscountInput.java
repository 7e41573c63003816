package dev.meridian.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.pricing.VolumeDiscount;
import dev.meridian.store.model.VolumeTier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A tenant's {@code volume_discounts} as the admin API takes it: {@code [{"from_tokens": 100000, "percent": 5}, ...]}
 * in ascending order of {@code from_tokens}, {@code []} for no discount at any volume, or {@code null} for the
 * gateway's configured default. Read as a tree because a PATCH tells an absent field (no change) from a null one.
 */
final class VolumeDiscountInput {

    static final String PARAM = "volume_discounts";
    /** More tiers than any price sheet has; bounds what one request can store. */
    static final int MAX_TIERS = 50;

    private VolumeDiscountInput() {}

    /** Whether the body named the field at all (null included). */
    static boolean present(JsonNode node) {
        return node != null;
    }

    /**
     * The tiers to store, or null for the configured default.
     *
     * @throws GatewayException 400 with {@code param} naming the offending value, e.g. {@code volume_discounts[1].percent}
     */
    static List<VolumeTier> tiers(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw GatewayException.invalid(
                    PARAM, "`volume_discounts` must be an array of tiers, or null for the default.");
        }
        if (node.size() > MAX_TIERS) {
            throw GatewayException.invalid(PARAM, "At most " + MAX_TIERS + " volume discount tiers.");
        }
        List<VolumeTier> tiers = new ArrayList<>();
        List<VolumeDiscount.Tier> core = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String at = PARAM + "[" + i + "]";
            if (!t.isObject()) {
                throw GatewayException.invalid(at, "A tier is an object with `from_tokens` and `percent`.");
            }
            for (Iterator<String> names = t.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("from_tokens") && !name.equals("percent")) {
                    throw GatewayException.invalid(at + "." + name, "Unknown field `" + name + "` in a tier.");
                }
            }
            JsonNode from = t.get("from_tokens");
            if (from == null || !from.isIntegralNumber() || !from.canConvertToLong()) {
                throw GatewayException.invalid(at + ".from_tokens", "`from_tokens` must be a whole number of tokens.");
            }
            JsonNode percent = t.get("percent");
            if (percent == null || !percent.isNumber()) {
                throw GatewayException.invalid(at + ".percent", "`percent` must be a number from 0 to below 100.");
            }
            tiers.add(new VolumeTier(from.longValue(), percent.doubleValue()));
            core.add(VolumeDiscount.Tier.percent(from.longValue(), percent.doubleValue()));
        }
        VolumeDiscount.Problem p = VolumeDiscount.check(core);
        if (p != null) {
            String field = p.threshold() ? "from_tokens" : "percent";
            throw GatewayException.invalid(
                    PARAM + "[" + p.tier() + "]." + field,
                    "Volume discount tier " + p.tier() + ": " + p.message().replace("%", "percent") + ".");
        }
        return tiers;
    }
}
