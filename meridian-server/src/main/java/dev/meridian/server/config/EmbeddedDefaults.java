package dev.meridian.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration used when no file is given: one provider for each of OPENAI_API_KEY, ANTHROPIC_API_KEY,
 * GEMINI_API_KEY and DEEPSEEK_API_KEY found in the environment, with their current models under their own
 * names; when none is set, demo models served by the built-in provider simulator. HTTPS_PROXY (or
 * https_proxy) applies to every provider, for company networks that reach the internet through a proxy.
 */
public final class EmbeddedDefaults {

    /** The demo models and the simulator protocol serving each. */
    public static final Map<String, String> DEMO_MODELS = Map.of(
            "demo-gpt", "openai", "demo-claude", "anthropic", "demo-gemini", "gemini", "demo-embedding", "openai");

    private EmbeddedDefaults() {}

    /** Whether any provider key is present, i.e. whether the embedded default is a real one rather than the demo. */
    public static boolean hasProviderKey(Function<String, String> env) {
        return List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "DEEPSEEK_API_KEY").stream()
                .anyMatch(k -> env.apply(k) != null && !env.apply(k).isBlank());
    }

    public static MeridianConfig fromEnvironment(Function<String, String> env) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        ProviderConfig.Proxy proxy = proxy(env);
        add(
                env,
                "OPENAI_API_KEY",
                "openai",
                "openai",
                null,
                proxy,
                providers,
                models,
                "gpt-4.1",
                "gpt-4.1-mini",
                "gpt-4o",
                "gpt-4o-mini",
                "o4-mini",
                "o3",
                "text-embedding-3-small",
                "text-embedding-3-large");
        add(
                env,
                "ANTHROPIC_API_KEY",
                "anthropic",
                "anthropic",
                null,
                proxy,
                providers,
                models,
                "claude-opus-4-1",
                "claude-sonnet-4-5",
                "claude-haiku-4-5");
        add(
                env,
                "GEMINI_API_KEY",
                "gemini",
                "gemini",
                null,
                proxy,
                providers,
                models,
                "gemini-2.5-pro",
                "gemini-2.5-flash",
                "gemini-2.5-flash-lite",
                "gemini-embedding-001");
        add(
                env,
                "DEEPSEEK_API_KEY",
                "deepseek",
                "openai-compatible",
                "https://api.deepseek.com",
                proxy,
                providers,
                models,
                "deepseek-chat",
                "deepseek-reasoner");
        MeridianConfig config = new MeridianConfig(
                null,
                null,
                providers,
                models,
                new RoutingConfig(
                        null, null, null, null, null, null, new RoutingConfig.Smart(null, SMART_CANDIDATES, null)));
        ConfigValidator.validate(config);
        return config;
    }

    /** The demo: three simulated providers at {@code simulatorBaseUrl}, and the demo models. */
    public static MeridianConfig demo(String simulatorBaseUrl) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        providers.put("demo-openai", ProviderConfig.of("openai", simulatorBaseUrl + "/v1", "demo"));
        providers.put("demo-anthropic", ProviderConfig.of("anthropic", simulatorBaseUrl, "demo"));
        providers.put("demo-gemini", ProviderConfig.of("gemini", simulatorBaseUrl, "demo"));
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        models.put("demo-gpt", new ModelConfig("demo-openai", "gpt-4o-mini"));
        models.put("demo-claude", new ModelConfig("demo-anthropic", "claude-sonnet-4-5"));
        models.put("demo-gemini", new ModelConfig("demo-gemini", "gemini-2.5-flash"));
        models.put("demo-embedding", new ModelConfig("demo-openai", "text-embedding-3-small"));
        List<String> all = List.of("demo-gemini", "demo-gpt", "demo-claude");
        Map<String, Map<String, List<String>>> candidates = new LinkedHashMap<>();
        for (String task : List.of("translation", "summarization", "code_generation", "reasoning", "chat")) {
            candidates.put(task, Map.of("low", all, "medium", all, "high", List.of("demo-claude", "demo-gpt")));
        }
        return new MeridianConfig(
                null,
                null,
                providers,
                models,
                new RoutingConfig(null, null, null, null, null, null, new RoutingConfig.Smart(null, candidates, null)));
    }

    /**
     * {@code auto}'s candidates among the embedded default's models, in the spirit of the seed's
     * CostOptimizer table; models whose provider key is absent are skipped at run time.
     */
    private static final Map<String, Map<String, List<String>>> SMART_CANDIDATES;

    static {
        List<String> low = List.of("gemini-2.5-flash-lite", "gpt-4o-mini", "deepseek-chat", "claude-haiku-4-5");
        List<String> medium = List.of("gpt-4.1-mini", "gemini-2.5-flash", "claude-haiku-4-5", "deepseek-chat");
        List<String> high = List.of("claude-sonnet-4-5", "gpt-4.1", "gemini-2.5-pro");
        Map<String, List<String>> general = Map.of("low", low, "medium", medium, "high", high);
        Map<String, Map<String, List<String>>> table = new LinkedHashMap<>();
        table.put("translation", general);
        table.put("summarization", general);
        table.put("chat", general);
        table.put(
                "code_generation",
                Map.of(
                        "low",
                        List.of("gpt-4o-mini", "deepseek-chat", "gemini-2.5-flash-lite"),
                        "medium",
                        List.of("gpt-4.1-mini", "gemini-2.5-flash", "claude-haiku-4-5", "deepseek-chat"),
                        "high",
                        List.of("claude-sonnet-4-5", "gpt-4.1", "gemini-2.5-pro")));
        table.put(
                "reasoning",
                Map.of(
                        "low",
                        List.of("deepseek-reasoner", "gemini-2.5-flash", "o4-mini"),
                        "medium",
                        List.of("o4-mini", "gemini-2.5-flash", "deepseek-reasoner"),
                        "high",
                        List.of("o3", "gemini-2.5-pro", "claude-opus-4-1")));
        SMART_CANDIDATES = Map.copyOf(table);
    }

    private static void add(
            Function<String, String> env,
            String variable,
            String name,
            String type,
            String baseUrl,
            ProviderConfig.Proxy proxy,
            Map<String, ProviderConfig> providers,
            Map<String, ModelConfig> models,
            String... modelNames) {
        String key = env.apply(variable);
        if (key == null || key.isBlank()) {
            return;
        }
        ProviderConfig p = ProviderConfig.fromYaml(
                type, baseUrl, key, null, null, null, null, null, null, proxy, null, null, null, null, null, null,
                null);
        providers.put(name, p);
        for (String model : modelNames) {
            models.put(model, new ModelConfig(name, model));
        }
    }

    private static ProviderConfig.Proxy proxy(Function<String, String> env) {
        String url = env.apply("HTTPS_PROXY");
        if (url == null || url.isBlank()) {
            url = env.apply("https_proxy");
        }
        return url == null || url.isBlank() ? null : new ProviderConfig.Proxy(url, null, null);
    }
}
