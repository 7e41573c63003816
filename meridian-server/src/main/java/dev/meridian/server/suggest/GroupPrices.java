package dev.meridian.server.suggest;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.pricing.CatalogueEntry;
import dev.meridian.core.pricing.PriceCatalogue;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.Route;
import dev.meridian.server.routing.RouteTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured model groups and their deployments' effective prices: a snapshot of the running route table. */
public final class GroupPrices {

    /**
     * One deployment as the suggestions price it.
     *
     * @param family    who makes its model: the catalogue's provider ({@code openai}, {@code anthropic}, ...), else
     *                  the configured provider's name
     * @param price     its effective price, or null when it has none
     * @param available whether it takes traffic now (healthy, circuit closed, not backing off, below its limits)
     */
    public record Priced(String id, String family, ModelPrice price, boolean available) {}

    /**
     * One configured group.
     *
     * @param smart     whether it picks a model per request itself (never suggested, never a source)
     * @param degradeTo the cheaper group the configuration names for it under load, or null
     */
    public record Group(String name, List<Priced> deployments, boolean smart, String degradeTo) {

        public Group {
            requireNonNull(name, "name");
            deployments = List.copyOf(deployments);
        }

        /** The family all its deployments share, or null when they differ (or it has none). */
        public String family() {
            String family = null;
            for (Priced d : deployments) {
                if (family != null && !family.equals(d.family())) {
                    return null;
                }
                family = d.family();
            }
            return family;
        }

        /** Its available priced deployment that would have served these tokens cheapest, if any. */
        public Optional<Priced> cheapest(Tokens tokens) {
            Priced best = null;
            for (Priced d : deployments) {
                if (d.available()
                        && d.price() != null
                        && (best == null || tokens.costAt(d.price()) < tokens.costAt(best.price()))) {
                    best = d;
                }
            }
            return Optional.ofNullable(best);
        }

        /** How many of its deployments have a price. */
        long pricedDeployments() {
            return deployments.stream().filter(d -> d.price() != null).count();
        }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();

    public GroupPrices(List<Group> groups) {
        groups.forEach(g -> this.groups.put(g.name(), g));
    }

    /** The groups of {@code table} with their deployments' state at {@code nowNanos} ({@link System#nanoTime()}). */
    public static GroupPrices of(RouteTable table, long nowNanos) {
        PriceCatalogue catalogue = PriceCatalogue.bundled();
        List<Group> groups = new ArrayList<>();
        for (ModelGroup g : table.groups()) {
            List<Priced> deployments = new ArrayList<>();
            for (Deployment<Route> d : g.deployments()) {
                String catalogueId = d.target().pricing().catalogueId();
                String family = Optional.ofNullable(catalogueId)
                        .flatMap(catalogue::find)
                        .map(CatalogueEntry::provider)
                        .orElse(d.provider());
                deployments.add(new Priced(d.id(), family, d.target().pricing().price(), d.available(nowNanos)));
            }
            groups.add(new Group(g.name(), deployments, g.smart(), g.degradeTo()));
        }
        return new GroupPrices(groups);
    }

    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public List<Group> groups() {
        return List.copyOf(groups.values());
    }
}
