package dev.meridian.server.admin;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.routing.ResidencyRules;
import dev.meridian.server.auth.ModelPatterns;
import dev.meridian.server.routing.ModelGroup;
import dev.meridian.server.routing.RouteTable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What admin input may name from the gateway's configuration: its public model names (the model groups,
 * {@code auto} included) and its data-residency rules. A key allowed a model that does not exist, or a tenant held
 * to a rule that does not exist, would fail every request later; both are refused when written instead. Thread-safe.
 */
public final class AdminCatalog {

    private final RouteTable routes;
    private final ResidencyRules residency;

    private AdminCatalog(RouteTable routes, ResidencyRules residency) {
        this.routes = requireNonNull(routes, "routes");
        this.residency = requireNonNull(residency, "residency");
    }

    /** The names {@code routes} serves, read when asked: a configuration reload may add or remove groups. */
    public static AdminCatalog of(RouteTable routes) {
        return new AdminCatalog(routes, routes.residency());
    }

    private Set<String> models() {
        return routes.groups().stream().map(ModelGroup::name).collect(Collectors.toSet());
    }

    /** Whether one of the configured models matches one of {@code patterns}. */
    boolean servesAny(List<String> patterns) {
        return models().stream().anyMatch(m -> ModelPatterns.anyMatches(patterns, m));
    }

    /** Fails with 400 on {@code param[i]} for the first entry that is no configured model. */
    void checkModels(String param, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            checkModel(param + "[" + i + "]", names.get(i).strip());
        }
    }

    /** Fails with 400 on {@code param} unless {@code name} is a configured model (plans also take patterns). */
    void checkModel(String param, String name) {
        if (!models().contains(name)) {
            throw GatewayException.invalid(param, "`" + param + "` names no configured model: `" + name + "`.");
        }
    }

    /** {@code rule} when a configured residency rule has that name (case-insensitive); else a 400 on {@code param}. */
    String checkResidencyRule(String param, String rule) {
        if (!residency.knows(rule)) {
            throw GatewayException.invalid(
                    param,
                    "Unknown data-residency rule `" + rule + "`; configured rules: "
                            + String.join(", ", residency.ruleNames()) + ".");
        }
        return rule;
    }
}
