package dev.meridian.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code demo: true} in a configuration file: the built-in provider simulator's demo providers and models
 * ({@link EmbeddedDefaults#demo}) are added to the file's own, so routing, fallbacks and {@code auto} can be
 * tried with no provider account. A name used both by the file and by the demo is an error, not a silent
 * override: a file's {@code demo-gpt} must not quietly become a different model. Without
 * {@code routing.smart.candidates} in the file, {@code auto} chooses among the demo models.
 */
public final class DemoModels {

    /**
     * Where the demo providers point until the simulator runs: a file is loaded and checked (also by
     * {@code config check}) before anything starts. The {@code .invalid} top-level domain never resolves.
     */
    static final String PENDING_URL = "http://demo-simulator.invalid";

    private DemoModels() {}

    /** The file's configuration with the demo added when it says {@code demo: true}; clashes go to problems. */
    static MeridianConfig addTo(MeridianConfig file, Problems problems) {
        if (!file.demo()) {
            return file;
        }
        MeridianConfig demo = EmbeddedDefaults.demo(PENDING_URL);
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(file.providers());
        demo.providers().forEach((name, p) -> {
            if (providers.putIfAbsent(name, p) != null) {
                problems.add("providers." + name + ": this name belongs to a demo provider of demo: true; choose"
                        + " another name");
            }
        });
        Map<String, ModelConfig> models = new LinkedHashMap<>(file.models());
        demo.models().forEach((name, m) -> {
            if (models.putIfAbsent(name, m) != null) {
                problems.add("models." + name + ": this name belongs to a demo model of demo: true; choose another"
                        + " name");
            }
        });
        RoutingConfig r = file.routing();
        RoutingConfig routing = r.smart().candidates() != null
                ? r
                : new RoutingConfig(
                        r.retry(),
                        r.breaker(),
                        r.healthChecks(),
                        r.overload(),
                        r.regions(),
                        r.residency(),
                        new RoutingConfig.Smart(
                                r.smart().defaultTier(),
                                demo.routing().smart().candidates(),
                                r.smart().outputTokens()));
        return new MeridianConfig(
                file.server(),
                file.auth(),
                providers,
                models,
                routing,
                file.storage(),
                true,
                file.alerts(),
                file.redis(),
                file.pricing(),
                file.cache(),
                file.audit(),
                file.pii(),
                file.telemetry());
    }

    /**
     * The configuration with its demo providers pointing at the running simulator; unchanged without
     * {@code demo: true}.
     */
    public static MeridianConfig pointAt(MeridianConfig config, String simulatorBaseUrl) {
        if (!config.demo()) {
            return config;
        }
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
        providers.putAll(EmbeddedDefaults.demo(simulatorBaseUrl).providers());
        return new MeridianConfig(
                config.server(),
                config.auth(),
                providers,
                config.models(),
                config.routing(),
                config.storage(),
                true,
                config.alerts(),
                config.redis(),
                config.pricing(),
                config.cache(),
                config.audit(),
                config.pii(),
                config.telemetry());
    }
}
