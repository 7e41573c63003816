package dev.meridian.server.routing;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.routing.ProviderHealth;
import dev.meridian.core.routing.QualityTier;
import dev.meridian.core.routing.RegionTable;
import dev.meridian.core.routing.ResidencyRules;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.server.upstream.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everything routing knows: the {@link RouteSnapshot routes} of the configuration in force, which a reload
 * replaces whole ({@link #swap}). Every lookup reads the snapshot in force at that moment; a request keeps the
 * group, deployment and route objects it already holds, so a request routed before a reload finishes on the
 * deployment it started on. Lookups are plain reads, safe from any thread.
 */
public final class RouteTable {

    /** The smart group every configuration has unless it defines a model of that name itself. */
    public static final String AUTO = "auto";

    private volatile RouteSnapshot current;
    private final List<Consumer<Swap>> listeners = new CopyOnWriteArrayList<>();

    public RouteTable(MeridianConfig config) {
        this.current = new RouteSnapshot(config, null);
    }

    /**
     * What a swap changed: the model groups added and removed, and the providers whose {@link Provider} object is
     * no longer in force (removed, or replaced by one with new settings), whose HTTP clients may be closed once
     * their requests finish.
     */
    public record Swap(Set<String> groupsAdded, Set<String> groupsRemoved, List<Provider> providersRetired) {}

    /**
     * Puts the routes of {@code next} (a validated configuration) in force for the requests routed from now on,
     * keeping the state of unchanged providers and deployments; then tells the listeners.
     *
     * @param prepare called with the new routes' providers before they are in force (to give new providers
     *                their stored credentials)
     */
    public Swap swap(MeridianConfig next, Consumer<Collection<Provider>> prepare) {
        Swap swap;
        synchronized (this) {
            RouteSnapshot before = current;
            RouteSnapshot after = new RouteSnapshot(next, before);
            prepare.accept(after.providers());
            Set<String> added = new TreeSet<>();
            Set<String> removed = new TreeSet<>();
            after.groups().forEach(g -> {
                if (before.find(g.name()) == null) {
                    added.add(g.name());
                }
            });
            before.groups().forEach(g -> {
                if (after.find(g.name()) == null) {
                    removed.add(g.name());
                }
            });
            List<Provider> retired = new ArrayList<>();
            before.providers().forEach(p -> {
                if (after.provider(p.name()) != p) {
                    retired.add(p);
                }
            });
            current = after;
            swap = new Swap(Set.copyOf(added), Set.copyOf(removed), List.copyOf(retired));
        }
        listeners.forEach(l -> l.accept(swap));
        return swap;
    }

    /** Called after every {@link #swap}, on the thread that swapped. */
    public void onSwap(Consumer<Swap> listener) {
        listeners.add(listener);
    }

    /** @throws GatewayException 404 {@code model_not_found} for a name that is not configured */
    public ModelGroup group(String publicModel) {
        return current.group(publicModel);
    }

    /**
     * Whether requests for the group can be answered at all: always for a group with deployments; for a smart
     * group, when at least one of its candidates is a configured group with deployments (else every request
     * for it answers 404, and {@code /v1/models} leaves it out).
     */
    public boolean canServe(ModelGroup group) {
        return current.canServe(group);
    }

    /** The group of that name, or null. */
    public ModelGroup find(String name) {
        return current.find(name);
    }

    public Collection<ModelGroup> groups() {
        return current.groups();
    }

    /** The providers in force; the same collection object until the next swap. */
    public Collection<Provider> providers() {
        return current.providers();
    }

    public ProviderHealth health(String provider) {
        return current.health(provider);
    }

    public RegionTable regions() {
        return current.regions();
    }

    public ResidencyRules residency() {
        return current.residency();
    }

    public String defaultResidencyRule() {
        return current.defaultResidencyRule();
    }

    public QualityTier defaultTier() {
        return current.defaultTier();
    }

    public int assumedOutputTokens() {
        return current.assumedOutputTokens();
    }

    /**
     * Whether a request through a front door speaking {@code inbound} may need its canonical form on its way
     * through {@code group}: some deployment of the group or of any group its fallback chains reach cannot take
     * the caller's bytes as they came. Computed for every group and protocol when the routes are built.
     */
    public boolean translates(ModelGroup group, Protocol inbound) {
        return current.translates(group, inbound);
    }
}
