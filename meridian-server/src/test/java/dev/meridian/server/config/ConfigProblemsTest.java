package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A configuration's problems are all reported in one run, in the configuration's own terms. */
public class ConfigProblemsTest {

    private static final Function<String, String> ENV = Map.of("OPENAI_KEY", "sk-test-openai")::get;

    /** One file, nine different mistakes: each kind an operator makes in a first hour. */
    public static final String NINE_MISTAKES = """
            server:
              port: eighty
              shutdownGracePeriod: 30
              accessLog: sometimes
            providers:
              openai:
                type: openai
                apiKey: ${OPENAI_API_KEY_NOT_SET}
                baseurl: https://api.openai.com/v1
              local:
                type: ollama
            models:
              gpt:
                provider: opena
                model: gpt-4o
                fallbacks:
                  any: [claude]
            routing:
              retry:
                maxAttempts: three
            """;

    public static final List<String> NINE_PROBLEMS = List.of(
            "providers.openai.apiKey: environment variable OPENAI_API_KEY_NOT_SET is not set",
            "server.port: must be an integer, got \"eighty\"",
            "server.shutdownGracePeriod: must be a duration like 30s or 500ms (units: ms, s, m, h, d), got 30",
            "server.accessLog: must be true or false, got \"sometimes\"",
            "providers.openai.baseurl: unknown key (did you mean baseUrl?)",
            "routing.retry.maxAttempts: must be an integer, got \"three\"",
            "providers.local.type: 'ollama' is unknown; one of openai, azure, anthropic, gemini, openai-compatible",
            "models.gpt.provider: no provider named 'opena' (configured: openai, local)",
            "models.gpt.fallbacks.any: no model named 'claude'");

    @Test
    void parse_nineMistakes_allNineReportedAtOnce() {
        List<String> problems = problems(NINE_MISTAKES);

        assertThat(problems).hasSize(9);
        for (String expected : NINE_PROBLEMS) {
            assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(expected));
        }
    }

    @Test
    void parse_wrongTypes_areWordedInTheConfigurationsTerms() {
        assertThat(problems("routing:\n  retry:\n    maxAttempts: three\n"))
                .containsExactly("routing.retry.maxAttempts: must be an integer, got \"three\"");
        assertThat(problems("routing:\n  retry:\n    maxAttempts: 2.5\n"))
                .containsExactly("routing.retry.maxAttempts: must be an integer, got 2.5");
        assertThat(problems("routing:\n  breaker:\n    errorRate: half\n"))
                .containsExactly("routing.breaker.errorRate: must be a number, got \"half\"");
        assertThat(problems("routing:\n  healthChecks:\n    enabled: maybe\n"))
                .containsExactly("routing.healthChecks.enabled: must be true or false, got \"maybe\"");
        assertThat(problems("routing:\n  overload:\n    queueTimeout: [5s]\n"))
                .containsExactly("routing.overload.queueTimeout: must be a duration like 30s or 500ms (units: ms, s,"
                        + " m, h, d), got a list");
        assertThat(problems("storage:\n  requestLog:\n    segmentSize: huge\n"))
                .containsExactly("storage.requestLog.segmentSize: must be a size like 32MiB or 512KiB (bytes, or"
                        + " units KB, KiB, MB, MiB, GB, GiB), got \"huge\"");
        assertThat(problems("providers:\n  - type: openai\n"))
                .containsExactly("providers: must be a mapping of name: value, got a list");
        assertThat(problems("auth:\n  apiKeys:\n    name: app\n    key: sk-app-12345\n"))
                .containsExactly("auth.apiKeys: must be a list, got a mapping");
        assertThat(problems("server: 8080\n"))
                .singleElement()
                .asString()
                .startsWith("server: must be a mapping of keys (host, port, maxBodySize,")
                .endsWith("got 8080");
        assertThat(problems("providers:\n  p:\n    type: openai\n    apiKey: {value: k}\n"))
                .containsExactly("providers.p.apiKey: must be a single value, got a mapping");
        assertThat(problems("models:\n  m:\n    provider: p\n    model: x\n    strategy: fastest\n"
                        + "providers:\n  p: {type: openai, apiKey: k}\n"))
                .containsExactly("models.m.strategy: 'fastest' is unknown; one of weighted, least-in-flight,"
                        + " lowest-latency, lowest-cost, capacity, region-affinity");
    }

    @Test
    void parse_wrongTypes_neverShowJavaOrJackson() {
        String yaml = """
                server: {port: [1], maxBodySize: {a: 1}, eventLoops: true}
                providers:
                  p: {type: openai, apiKey: k, headers: [a], extraBody: 3, timeouts: {connect: 1}, http2: 2}
                models:
                  m: {provider: p, model: x, price: {input: cheap}, deployments: "none", smart: yes-please}
                  n: {deployments: [{provider: p, model: y, weight: heavy, tags: {a: b}}]}
                  s: {smart: true, candidates: {chat: {low: gpt}}}
                routing: {regions: [eu], residency: {rules: {EU: DE}}}
                auth: {apiKeys: [~, {name: 1, key: [x]}]}
                """;
        List<String> problems = problems(yaml);

        assertThat(problems).hasSizeGreaterThanOrEqualTo(15);
        assertThat(problems)
                .allSatisfy(p -> assertThat(p)
                        .doesNotContain("Cannot deserialize")
                        .doesNotContain("java.")
                        .doesNotContain("com.fasterxml")
                        .doesNotContain("Integer")
                        .doesNotContain("Duration")
                        .matches("[A-Za-z0-9_.\\[\\]-]+: .*"));
    }

    @Test
    void parse_providerPromptCache_defaultsToAuto_offUnquotedIsOff_andAnUnknownValueIsNamed() {
        assertThat(providerPrompt("")).isEqualTo(ProviderPromptCache.AUTO);
        assertThat(providerPrompt(", cache: {providerPrompt: off}")).isEqualTo(ProviderPromptCache.OFF);
        assertThat(problems(PROMPT_CACHE_GROUP.formatted(", cache: {providerPrompt: always}")))
                .containsExactly("models.m.cache.providerPrompt: 'always' is unknown; one of auto, off");
    }

    private static final String PROMPT_CACHE_GROUP =
            "providers:\n  p: {type: openai, apiKey: k}\nmodels:\n  m: {provider: p, model: x%s}\n";

    private static ProviderPromptCache providerPrompt(String cacheBlock) {
        return ConfigLoader.parse(PROMPT_CACHE_GROUP.formatted(cacheBlock), ENV)
                .models()
                .get("m")
                .cache()
                .providerPromptCache();
    }

    @Test
    void parse_anImplausiblePrice_isRefusedAsALikelyTypo_unlessAllowed() {
        String provider = "providers:\n  p: {type: openai, apiKey: k}\n";
        assertThat(problems(provider + "models:\n  m: {provider: p, model: x, price: {input: 2.5, output: 10000}}\n"))
                .containsExactly("models.m.price: 10000 US dollars per million tokens is above 1000,"
                        + " which no listed model costs; a typo would bill every request at it. Set price.allowHigh:"
                        + " true if the price is right");
        assertThat(problems(provider + "models:\n  m: {provider: p, model: x, price: {input: -1, output: 1}}\n"))
                .containsExactly("models.m.price: prices must be finite and not negative");
        MeridianConfig allowed = ConfigLoader.parse(
                provider
                        + "models:\n  m: {provider: p, model: x, price: {input: 2.5, output: 10000, allowHigh: true}}\n",
                ENV);
        assertThat(allowed.models()
                        .get("m")
                        .allDeployments()
                        .get(0)
                        .price()
                        .toModelPrice()
                        .outputPerMillion())
                .isEqualTo(10000.0);
    }

    @Test
    void parse_unsetVariable_isReportedOnce_notAgainAsMissing() {
        assertThat(problems("providers:\n  p:\n    type: anthropic\n    apiKey: ${NOT_SET}\n"))
                .containsExactly("providers.p.apiKey: environment variable NOT_SET is not set (write"
                        + " ${NOT_SET:-default} to give a default)");
    }

    @Test
    void parse_unknownKey_suggestsTheNearKnownKey() {
        assertThat(problems("server:\n  prot: 80\n"))
                .singleElement()
                .asString()
                .startsWith("server.prot: unknown key (did you mean port?); known keys here are [host, port,");
        assertThat(problems("routing:\n  retry:\n    maxAttempt: 2\n"))
                .singleElement()
                .asString()
                .startsWith("routing.retry.maxAttempt: unknown key (did you mean maxAttempts?)");
        assertThat(problems("colours: blue\n"))
                .singleElement()
                .asString()
                .startsWith("colours: unknown key; known keys here are [server, auth, providers");
    }

    @Test
    void parse_wellTypedTextValues_areAccepted() {
        MeridianConfig c = ConfigLoader.parse(
                "server:\n  port: \"9090\"\n  accessLog: \"false\"\nrouting:\n  breaker: {errorRate: \"0.25\"}\n", ENV);

        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.server().accessLog()).isFalse();
        assertThat(c.routing().breaker().errorRate()).isEqualTo(0.25);
    }

    static List<String> problems(String yaml) {
        try {
            ConfigLoader.parse(yaml, ENV);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("no problem found in\n" + yaml);
    }
}
