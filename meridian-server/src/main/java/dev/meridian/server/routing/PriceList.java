package dev.meridian.server.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.json.Json;
import dev.meridian.core.pricing.PriceCatalogue;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.server.pricing.EffectivePrice;

/**
 * Every deployment's effective price and where it came from, as JSON for {@code GET /admin/v1/prices}: the
 * configuration's {@code price}, the bundled catalogue's entry (with the catalogue's date), or none.
 */
public final class PriceList {

    private PriceList() {}

    public static ObjectNode of(RouteTable table) {
        ObjectNode root = Json.object().put("object", "list");
        root.put("catalogue_date", PriceCatalogue.bundled().date());
        root.put("unit", "USD per 1M tokens");
        ArrayNode data = root.putArray("data");
        for (ModelGroup g : table.groups()) {
            for (Deployment<Route> d : g.deployments()) {
                Route route = d.target();
                EffectivePrice pricing = route.pricing();
                ObjectNode row = data.addObject()
                        .put("model", g.name())
                        .put("deployment", d.id())
                        .put("provider", d.provider())
                        .put("upstream_model", route.upstreamModel())
                        .put("source", pricing.source());
                if (pricing.catalogueId() != null) {
                    row.put("catalogue_model", pricing.catalogueId());
                }
                ModelPrice p = pricing.price();
                if (p == null) {
                    row.putNull("price");
                } else {
                    row.putObject("price")
                            .put("input", p.inputPerMillion())
                            .put("output", p.outputPerMillion())
                            .put("cached_input", p.cachedInputPerMillion())
                            .put("cache_write", p.cacheWritePerMillion())
                            .put("reasoning", p.reasoningPerMillion());
                }
                if (pricing.contextWindow() > 0) {
                    row.put("context_window", pricing.contextWindow());
                }
                if (pricing.maxOutput() > 0) {
                    row.put("max_output", pricing.maxOutput());
                }
            }
        }
        return root;
    }
}
