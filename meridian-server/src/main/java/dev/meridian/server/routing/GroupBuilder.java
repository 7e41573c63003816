package dev.meridian.server.routing;

import dev.meridian.core.pricing.PriceCatalogue;
import dev.meridian.core.routing.BreakerPolicy;
import dev.meridian.core.routing.Deployment;
import dev.meridian.core.routing.FailureClass;
import dev.meridian.core.routing.ProviderHealth;
import dev.meridian.core.routing.SmartCandidates;
import dev.meridian.core.routing.Strategy;
import dev.meridian.server.config.ModelConfig;
import dev.meridian.server.config.ProviderConfig;
import dev.meridian.server.config.RoutingConfig;
import dev.meridian.server.config.SmartTables;
import dev.meridian.server.pricing.EffectivePrice;
import dev.meridian.server.upstream.Provider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a model group's deployments from its configuration, continuing the state of those a reload kept. */
final class GroupBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    private GroupBuilder() {}

    static ModelGroup group(
            String name,
            ModelConfig m,
            Map<String, Provider> providers,
            Map<String, ProviderHealth> health,
            BreakerPolicy breaker,
            RoutingConfig routing,
            SmartCandidates smartDefaults,
            Map<String, Deployment<Route>> before) {
        List<Deployment<Route>> deployments = new ArrayList<>();
        for (ModelConfig.DeploymentConfig d : m.allDeployments()) {
            Provider provider = providers.get(d.provider());
            ProviderConfig pc = provider.config();
            EffectivePrice pricing = EffectivePrice.of(d.price(), d.model(), PriceCatalogue.bundled());
            if (!pricing.priced()) {
                LOG.warn(
                        "Deployment {} of model {} ({} at {}) has no price, in the configuration or in the catalogue"
                                + " of {}: its requests are served and counted at $0 (meridian_unpriced_requests_total)."
                                + " Set price on the deployment.",
                        d.id(),
                        name,
                        d.model(),
                        d.provider(),
                        PriceCatalogue.bundled().date());
            }
            Route route =
                    new Route(name, provider, d.model(), pricing, m.cache().providerPromptCache());
            String region = d.region() != null ? d.region() : pc.region();
            String country = upper(d.country() != null ? d.country() : pc.country());
            Deployment<Route> previous = before.get(key(name, d.id(), d.provider(), d.model()));
            Deployment<Route> configured = new Deployment<>(
                    d.id(),
                    route,
                    d.provider(),
                    region,
                    country,
                    d.weight(),
                    pricing.price(),
                    d.rpm(),
                    d.tpm(),
                    d.maxInFlight(),
                    d.tags(),
                    breaker,
                    health.get(d.provider()));
            // The key includes the provider, so a kept deployment's provider is the configured one.
            deployments.add(previous != null ? configured.continuing(previous) : configured);
        }
        Map<FailureClass, List<String>> fallbacks = new EnumMap<>(FailureClass.class);
        List<String> any = m.fallbacks().getOrDefault("any", List.of());
        for (FailureClass c : FailureClass.values()) {
            List<String> chain = m.fallbacks().getOrDefault(c.configName(), any);
            if (!chain.isEmpty()) {
                fallbacks.put(c, List.copyOf(chain));
            }
        }
        SmartCandidates candidates =
                !m.smart() ? null : m.candidates().isEmpty() ? smartDefaults : SmartTables.of(routing, m);
        return new ModelGroup(
                name,
                Strategy.parse(m.strategy()).orElse(Strategy.WEIGHTED),
                deployments,
                m.retry() == null ? routing.retry() : m.retry().over(routing.retry()),
                fallbacks,
                m.hedging(),
                m.degradeTo(),
                m.degradeAt(),
                candidates);
    }

    static String key(String group, Deployment<Route> d) {
        return key(group, d.id(), d.provider(), d.target().upstreamModel());
    }

    private static String key(String group, String id, String provider, String model) {
        return group + '\n' + id + '\n' + provider + '\n' + model;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
