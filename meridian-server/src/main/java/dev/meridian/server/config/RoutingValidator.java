package dev.meridian.server.config;

import dev.meridian.core.routing.FailureClass;
import dev.meridian.core.routing.QualityTier;
import dev.meridian.core.routing.RegionTable;
import dev.meridian.core.routing.ResidencyRules;
import dev.meridian.core.routing.SmartCandidates;
import dev.meridian.core.routing.Strategy;
import dev.meridian.core.routing.TaskType;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The checks of model groups and the {@code routing} section; each problem names its key. */
final class RoutingValidator {

    private static final Set<String> FALLBACK_KEYS = Arrays.stream(FailureClass.values())
            .map(FailureClass::configName)
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

    static {
        FALLBACK_KEYS.add("any");
    }

    private RoutingValidator() {}

    static void group(String key, String name, ModelConfig m, MeridianConfig c, List<String> problems) {
        if (m == null) {
            problems.add(key + ": needs provider and model, deployments, or smart: true");
            return;
        }
        boolean inline = m.provider() != null || m.model() != null;
        if (m.smart()) {
            if (inline || !m.deployments().isEmpty()) {
                problems.add(key + ": a smart model chooses among other models; it has no provider, model or"
                        + " deployments");
            }
            candidates(key + ".candidates", m.candidates(), c, problems);
        } else if (inline && !m.deployments().isEmpty()) {
            problems.add(key + ": give either provider and model, or deployments, not both");
        } else if (!inline && m.deployments().isEmpty()) {
            problems.add(key + ": needs provider and model, or a list of deployments");
        } else if (!inline && (m.region() != null || m.country() != null || m.price() != null)) {
            problems.add(key + ": region, country and price belong on each deployment when deployments are listed");
        } else if (inline) {
            deployment(key, m.allDeployments().get(0), c, problems);
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < m.deployments().size(); i++) {
                ModelConfig.DeploymentConfig d = m.deployments().get(i);
                String dk = key + ".deployments[" + i + "]";
                if (d == null) {
                    problems.add(dk + ": needs provider and model");
                    continue;
                }
                deployment(dk, d, c, problems);
                if (!ids.add(d.id())) {
                    problems.add(dk + ".name: '" + d.id() + "' names another deployment of this model too; give"
                            + " each a distinct name");
                }
            }
            if (m.deployments().stream().allMatch(d -> d == null || d.weight() == 0)) {
                problems.add(key + ".deployments: at least one deployment needs a weight above 0");
            }
        }
        if (m.strategy() != null && Strategy.parse(m.strategy()).isEmpty()) {
            problems.add(key + ".strategy: '" + m.strategy() + "' is unknown; one of "
                    + Arrays.stream(Strategy.values()).map(Strategy::wireName).collect(Collectors.joining(", ")));
        }
        if (ProviderPromptCache.parse(m.cache().providerPrompt()).isEmpty()) {
            problems.add(
                    key + ".cache.providerPrompt: '" + m.cache().providerPrompt() + "' is unknown; one of auto, off");
        }
        if (m.retry() != null) {
            retry(key + ".retry", m.retry(), problems);
        }
        for (Map.Entry<String, List<String>> f : m.fallbacks().entrySet()) {
            String fk = key + ".fallbacks." + f.getKey();
            if (!FALLBACK_KEYS.contains(f.getKey())) {
                problems.add(fk + ": unknown failure class; one of " + FALLBACK_KEYS);
                continue;
            }
            for (String target : f.getValue() == null ? List.<String>of() : f.getValue()) {
                if (name.equals(target)) {
                    problems.add(fk + ": a model cannot fall back to itself");
                } else if (!c.models().containsKey(target)) {
                    problems.add(fk + ": no model named '" + target + "'");
                }
            }
        }
        if (m.hedging().delay() != null && m.hedging().delay().isNegative()) {
            problems.add(key + ".hedging.delay: must not be negative");
        }
        if (m.degradeTo() != null && !c.models().containsKey(m.degradeTo())) {
            problems.add(key + ".degradeTo: no model named '" + m.degradeTo() + "'");
        } else if (name.equals(m.degradeTo())) {
            problems.add(key + ".degradeTo: a model cannot degrade to itself");
        }
        if (!(m.degradeAt() > 0 && m.degradeAt() <= 1)) {
            problems.add(key + ".degradeAt: must be in (0, 1], a fraction of routing.overload.maxInFlight");
        }
    }

    private static void deployment(
            String key, ModelConfig.DeploymentConfig d, MeridianConfig c, List<String> problems) {
        if (d.provider() == null) {
            problems.add(key + ".provider: required");
        } else if (!c.providers().containsKey(d.provider())) {
            problems.add(key + ".provider: no provider named '" + d.provider() + "' (configured: "
                    + String.join(", ", c.providers().keySet()) + ")");
        }
        if (d.model() == null || d.model().isBlank()) {
            problems.add(key + ".model: required (the provider's name for the model)");
        }
        if (d.weight() < 0) {
            problems.add(key + ".weight: must not be negative");
        }
        if (d.rpm() < 0 || d.tpm() < 0 || d.maxInFlight() < 0) {
            problems.add(key + ": rpm, tpm and maxInFlight must not be negative");
        }
        price(key + ".price", d.price(), problems);
        country(key + ".country", d.country(), problems);
    }

    private static void price(String key, ModelConfig.PriceConfig price, List<String> problems) {
        if (price == null) {
            return;
        }
        double[] all = {
            price.input(),
            price.output(),
            price.cachedInput() == null ? 0 : price.cachedInput(),
            price.cacheWrite() == null ? 0 : price.cacheWrite(),
            price.reasoning() == null ? 0 : price.reasoning()
        };
        double highest = 0;
        for (double p : all) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                problems.add(key + ": prices must be finite and not negative");
                return;
            }
            highest = Math.max(highest, p);
        }
        if (highest > ModelConfig.PriceConfig.PLAUSIBLE_MAX && !Boolean.TRUE.equals(price.allowHigh())) {
            problems.add(key + ": "
                    + java.math.BigDecimal.valueOf(highest).stripTrailingZeros().toPlainString()
                    + " US dollars per million tokens is above "
                    + (long) ModelConfig.PriceConfig.PLAUSIBLE_MAX + ", which no listed model costs; a typo would bill"
                    + " every request at it. Set price.allowHigh: true if the price is right");
        }
    }

    static void country(String key, String country, List<String> problems) {
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            problems.add(key + ": '" + country + "' is not a two-letter country code (US, DE, CN, EU)");
        }
    }

    static void routing(RoutingConfig r, MeridianConfig c, List<String> problems) {
        retry("routing.retry", r.retry(), problems);
        RoutingConfig.Breaker b = r.breaker();
        if (b.consecutiveFailures() < 1) {
            problems.add("routing.breaker.consecutiveFailures: must be at least 1");
        }
        if (!(b.errorRate() > 0 && b.errorRate() <= 1)) {
            problems.add("routing.breaker.errorRate: must be in (0, 1]");
        }
        if (b.minRequests() < 1) {
            problems.add("routing.breaker.minRequests: must be at least 1");
        }
        positive("routing.breaker.window", b.window(), problems);
        positive("routing.breaker.cooldown", b.cooldown(), problems);
        RoutingConfig.HealthChecks h = r.healthChecks();
        positive("routing.healthChecks.interval", h.interval(), problems);
        positive("routing.healthChecks.timeout", h.timeout(), problems);
        if (h.unhealthyThreshold() < 1 || h.healthyThreshold() < 1) {
            problems.add("routing.healthChecks: unhealthyThreshold and healthyThreshold must be at least 1");
        }
        RoutingConfig.Overload o = r.overload();
        if (o.maxInFlight() < 1) {
            problems.add("routing.overload.maxInFlight: must be at least 1");
        }
        if (o.maxQueue() < 0) {
            problems.add("routing.overload.maxQueue: must not be negative");
        }
        positive("routing.overload.queueTimeout", o.queueTimeout(), problems);
        if (o.shedStatus() != 429 && o.shedStatus() != 503) {
            problems.add("routing.overload.shedStatus: must be 429 or 503");
        }
        if (r.regions() != null) {
            try {
                RegionTable.of(r.regions());
            } catch (IllegalArgumentException e) {
                problems.add("routing.regions: " + e.getMessage());
            }
        }
        ResidencyRules rules = null;
        try {
            rules = r.residency().rules() == null
                    ? ResidencyRules.seedDefaults()
                    : ResidencyRules.of(r.residency().rules());
        } catch (IllegalArgumentException e) {
            problems.add("routing.residency.rules: " + e.getMessage());
        }
        String rule = r.residency().defaultRule();
        if (rule != null && rules != null && !rules.knows(rule)) {
            problems.add("routing.residency.defaultRule: no rule named '" + rule + "' (rules: "
                    + String.join(", ", rules.ruleNames()) + ")");
        }
        if (QualityTier.parse(r.smart().defaultTier()).isEmpty()) {
            problems.add("routing.smart.defaultTier: '" + r.smart().defaultTier() + "' is not low, medium or high");
        }
        if (r.smart().outputTokens() < 1) {
            problems.add("routing.smart.outputTokens: must be at least 1");
        }
        if (r.smart().candidates() != null) {
            candidates("routing.smart.candidates", r.smart().candidates(), c, problems);
        }
    }

    private static void candidates(
            String key, Map<String, Map<String, List<String>>> table, MeridianConfig c, List<String> problems) {
        for (Map.Entry<String, Map<String, List<String>>> task : table.entrySet()) {
            if (TaskType.parse(task.getKey()).isEmpty()) {
                problems.add(key + "." + task.getKey() + ": unknown task type; one of translation, summarization,"
                        + " code_generation, reasoning, chat");
                continue;
            }
            for (Map.Entry<String, List<String>> tier : task.getValue().entrySet()) {
                String tk = key + "." + task.getKey() + "." + tier.getKey();
                if (QualityTier.parse(tier.getKey()).isEmpty()) {
                    problems.add(tk + ": unknown tier; one of low, medium, high");
                } else if (tier.getValue() == null || tier.getValue().isEmpty()) {
                    problems.add(tk + ": needs at least one model");
                } else {
                    for (String model : tier.getValue()) {
                        ModelConfig target = c.models().get(model);
                        if (target != null && target.smart()) {
                            problems.add(tk + ": '" + model + "' is itself a smart model");
                        }
                    }
                }
            }
        }
        if (problems.stream().noneMatch(p -> p.startsWith(key))) {
            try {
                SmartCandidates.parse(table);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
    }

    private static void retry(String key, RetryConfig r, List<String> problems) {
        if (r.maxAttempts() != null && r.maxAttempts() < 1) {
            problems.add(key + ".maxAttempts: must be at least 1");
        }
        positive(key + ".initialBackoff", r.initialBackoff(), problems);
        positive(key + ".maxBackoff", r.maxBackoff(), problems);
        positive(key + ".attemptTimeout", r.attemptTimeout(), problems);
        positive(key + ".deadline", r.deadline(), problems);
        if (r.maxRetryAfter() != null && r.maxRetryAfter().isNegative()) {
            problems.add(key + ".maxRetryAfter: must not be negative");
        }
    }

    private static void positive(String key, Duration d, List<String> problems) {
        if (d != null && (d.isZero() || d.isNegative())) {
            problems.add(key + ": must be greater than zero");
        }
    }
}
