package dev.meridian.server.routing;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.provider.PassThroughAdapter;
import dev.meridian.core.provider.Protocol;
import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.core.routing.BreakerPolicy;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.ProviderHealth;
import dev.meridian.core.routing.QualityTier;
import dev.meridian.core.routing.RegionTable;
import dev.meridian.core.routing.ResidencyRules;
import dev.meridian.core.routing.SmartCandidates;
import dev.meridian.core.routing.Strategy;
import dev.meridian.core.routing.TaskType;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.server.config.ModelConfig;
import dev.meridian.server.config.RoutingConfig;
import dev.meridian.server.config.SmartTables;
import dev.meridian.server.upstream.Provider;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configuration's routes, immutable once built: providers and their health, model groups with their
 * deployments (whose runtime state every event loop shares), the region and residency tables and the
 * smart-selection candidates. {@link RouteTable} holds the one in force. Built from a previous snapshot (a
 * reload), it keeps what did not change: a provider whose settings are equal is the same {@link Provider}
 * (credential, clients and health kept), and a deployment with the same group, id, provider and upstream model
 * continues the old one's breaker, latency, in-flight and back-off state.
 */
final class RouteSnapshot {

    /** The table's logger, as operators and tests know it. */
    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    private final Map<String, Provider> providers;
    private final Map<String, ProviderHealth> health;
    private final Map<String, ModelGroup> groups;
    private final RegionTable regions;
    private final ResidencyRules residency;
    private final String defaultResidencyRule;
    private final QualityTier defaultTier;
    private final int assumedOutputTokens;
    /** Per group, the front-door protocols whose requests it (or a fallback it reaches) may translate. */
    private final Map<String, Set<Protocol>> translatedFrom;

    /** Lookups of the previous snapshot's deployments by {@link #key}, or empty for the first. */
    private final Map<String, Deployment<Route>> deploymentsByKey;

    private final List<Provider> providerList;

    /** @param previous the snapshot this one replaces, whose unchanged state carries over; null for the first */
    RouteSnapshot(MeridianConfig config, RouteSnapshot previous) {
        RoutingConfig routing = config.routing();
        Map<String, Provider> ps = new LinkedHashMap<>();
        Map<String, ProviderHealth> hs = new LinkedHashMap<>();
        config.providers().forEach((name, p) -> {
            Provider before = previous == null ? null : previous.providers.get(name);
            if (before != null && before.config().equals(p)) {
                ps.put(name, before);
                hs.put(name, previous.health.get(name));
                return;
            }
            ps.put(name, Provider.of(name, p));
            hs.put(
                    name,
                    new ProviderHealth(
                            name,
                            routing.healthChecks().unhealthyThreshold(),
                            routing.healthChecks().healthyThreshold()));
        });
        RoutingConfig.Breaker b = routing.breaker();
        BreakerPolicy breaker =
                new BreakerPolicy(b.consecutiveFailures(), b.errorRate(), b.minRequests(), b.window(), b.cooldown());
        SmartCandidates smartDefaults = SmartTables.of(routing, null);
        Map<String, ModelGroup> gs = new LinkedHashMap<>();
        Map<String, Deployment<Route>> before = previous == null ? Map.of() : previous.deploymentsByKey;
        config.models()
                .forEach((name, m) ->
                        gs.put(name, GroupBuilder.group(name, m, ps, hs, breaker, routing, smartDefaults, before)));
        if (!gs.containsKey(RouteTable.AUTO)) {
            gs.put(
                    RouteTable.AUTO,
                    new ModelGroup(
                            RouteTable.AUTO,
                            Strategy.WEIGHTED,
                            List.of(),
                            routing.retry(),
                            Map.of(),
                            ModelConfig.HedgingConfig.off(),
                            null,
                            1,
                            smartDefaults));
        }
        this.providers = Collections.unmodifiableMap(ps);
        this.providerList = List.copyOf(ps.values());
        Map<String, Deployment<Route>> byKey = new HashMap<>();
        gs.values().forEach(g -> g.deployments().forEach(d -> byKey.put(GroupBuilder.key(g.name(), d), d)));
        this.deploymentsByKey = byKey;
        this.health = Collections.unmodifiableMap(hs);
        this.groups = Collections.unmodifiableMap(gs);
        Map<String, Set<Protocol>> translated = new HashMap<>();
        for (ModelGroup g : gs.values()) {
            Set<Protocol> from = EnumSet.noneOf(Protocol.class);
            for (Protocol inbound : Protocol.values()) {
                if (reachesTranslation(g, inbound)) {
                    from.add(inbound);
                }
            }
            translated.put(g.name(), from);
        }
        this.translatedFrom = translated;
        this.regions = routing.regions() == null ? RegionTable.seedDefaults() : RegionTable.of(routing.regions());
        this.residency = routing.residency().rules() == null
                ? ResidencyRules.seedDefaults()
                : ResidencyRules.of(routing.residency().rules());
        this.defaultResidencyRule = routing.residency().defaultRule();
        this.defaultTier = QualityTier.parse(routing.smart().defaultTier()).orElse(QualityTier.MEDIUM);
        this.assumedOutputTokens = routing.smart().outputTokens();
    }

    /** @throws GatewayException 404 {@code model_not_found} for a name that is not configured */
    ModelGroup group(String publicModel) {
        ModelGroup group = groups.get(publicModel);
        if (group == null) {
            throw GatewayException.builder(
                            ErrorCode.MODEL_NOT_FOUND,
                            "The model `" + publicModel + "` does not exist or you do not have access to it.")
                    .param("model")
                    .build();
        }
        return group;
    }

    /**
     * Whether requests for the group can be answered at all: always for a group with deployments; for a smart
     * group, when at least one of its candidates is a configured group with deployments (else every request
     * for it answers 404, and {@code /v1/models} leaves it out).
     */
    boolean canServe(ModelGroup group) {
        if (!group.smart()) {
            return !group.deployments().isEmpty();
        }
        return SmartTables.cellsWithout(group.candidates(), name -> {
                            ModelGroup g = groups.get(name);
                            return g != null && !g.smart() && !g.deployments().isEmpty();
                        })
                        .size()
                < TaskType.values().length * QualityTier.values().length;
    }

    /** The group of that name, or null. */
    ModelGroup find(String name) {
        return groups.get(name);
    }

    Collection<ModelGroup> groups() {
        return groups.values();
    }

    Collection<Provider> providers() {
        return providerList;
    }

    Provider provider(String name) {
        return providers.get(name);
    }

    ProviderHealth health(String provider) {
        return health.get(provider);
    }

    RegionTable regions() {
        return regions;
    }

    ResidencyRules residency() {
        return residency;
    }

    String defaultResidencyRule() {
        return defaultResidencyRule;
    }

    QualityTier defaultTier() {
        return defaultTier;
    }

    int assumedOutputTokens() {
        return assumedOutputTokens;
    }

    /**
     * Whether a request through a front door speaking {@code inbound} may need its canonical form on its way
     * through {@code group}: some deployment of the group or of any group its fallback chains reach cannot take
     * the caller's bytes as they came. Computed for every group and protocol when the table is built.
     */
    boolean translates(ModelGroup group, Protocol inbound) {
        Set<Protocol> from = translatedFrom.get(group.name());
        return from == null || from.contains(inbound);
    }

    private boolean reachesTranslation(ModelGroup group, Protocol inbound) {
        Set<String> seen = new HashSet<>();
        Deque<ModelGroup> todo = new ArrayDeque<>(List.of(group));
        while (!todo.isEmpty()) {
            ModelGroup g = todo.poll();
            if (!seen.add(g.name())) {
                continue;
            }
            for (Deployment<Route> d : g.deployments()) {
                ProviderAdapter adapter = d.target().provider().adapter();
                if (adapter.protocol() != inbound || !(adapter instanceof PassThroughAdapter)) {
                    return true;
                }
            }
            g.fallbacks()
                    .values()
                    .forEach(chain -> chain.forEach(name -> {
                        ModelGroup next = groups.get(name);
                        if (next != null) {
                            todo.add(next);
                        }
                    }));
        }
        return false;
    }
}
