package dev.meridian.server.pricing;

import dev.meridian.core.pricing.CatalogueEntry;
import dev.meridian.core.pricing.PriceCatalogue;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.server.config.ModelConfig;

/**
 * What one deployment's requests cost and where that price came from: its own {@code price} in the configuration,
 * else the bundled catalogue's entry for its model, else nothing (served, counted at $0, flagged).
 *
 * @param price         the price, or null when neither the configuration nor the catalogue has one
 * @param source        {@code configuration}, {@code catalogue} or {@code none}
 * @param catalogueId   the catalogue entry the model matched (also when the configuration's price won), or null
 * @param contextWindow the model's input limit from the catalogue, or 0 when unknown
 * @param maxOutput     the model's output limit from the catalogue, or 0 when unknown
 */
public record EffectivePrice(ModelPrice price, String source, String catalogueId, int contextWindow, int maxOutput) {

    public static final String CONFIGURATION = "configuration";
    public static final String CATALOGUE = "catalogue";
    public static final String NONE = "none";

    /** The effective price of a deployment of {@code model} configured with {@code configured} (null: none). */
    public static EffectivePrice of(ModelConfig.PriceConfig configured, String model, PriceCatalogue catalogue) {
        CatalogueEntry entry = catalogue.find(model).orElse(null);
        String id = entry == null ? null : entry.id();
        int context = entry == null ? 0 : entry.contextWindow();
        int output = entry == null ? 0 : entry.maxOutput();
        if (configured != null) {
            return new EffectivePrice(configured.toModelPrice(), CONFIGURATION, id, context, output);
        }
        if (entry != null) {
            return new EffectivePrice(entry.price(), CATALOGUE, id, context, output);
        }
        return new EffectivePrice(null, NONE, null, 0, 0);
    }

    public boolean priced() {
        return price != null;
    }
}
