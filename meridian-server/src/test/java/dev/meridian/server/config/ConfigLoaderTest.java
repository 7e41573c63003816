package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final Function<String, String> ENV = Map.of(
            "OPENAI_KEY", "sk-test-openai", "CORP_PROXY", "http://alice:s%40cret@proxy.corp:3128", "EMPTY", "")::get;

    private static final String FULL = """
            server:
              port: 9090
              maxBodySize: 4MiB
              shutdownGracePeriod: 5s
            auth:
              apiKeys:
                - name: app-one
                  key: sk-app-one-123
            providers:
              openai:
                type: openai
                apiKey: ${OPENAI_KEY}
                timeouts:
                  connect: 2s
                  firstByte: 30s
                proxy:
                  url: ${CORP_PROXY}
              local:
                type: openai-compatible
                baseUrl: ${LOCAL_URL:-http://127.0.0.1:11434/v1}
                streamUsage: false
                extraBody:
                  keep_alive: 5m
            models:
              gpt-4o:
                provider: openai
                model: gpt-4o-2024-08-06
              llama:
                provider: local
                model: llama3.1:8b
            """;

    @Test
    void parse_fullFile_withSubstitutionAndDefaults() {
        MeridianConfig c = ConfigLoader.parse(FULL, ENV);
        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.server().maxBodySize()).isEqualTo(4L << 20);
        assertThat(c.server().shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        ProviderConfig openai = c.providers().get("openai");
        assertThat(openai.apiKey()).isEqualTo("sk-test-openai");
        assertThat(openai.timeouts().connect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(openai.timeouts().idle()).as("default").isEqualTo(Duration.ofSeconds(60));
        assertThat(openai.timeouts().total()).as("default").isEqualTo(Duration.ofMinutes(10));
        assertThat(openai.streamUsage()).isTrue();
        assertThat(openai.http2()).isTrue();
        ProxySpec proxy = ProxySpec.parse(openai.proxy());
        assertThat(proxy).isEqualTo(new ProxySpec(ProxySpec.Kind.HTTP, "proxy.corp", 3128, "alice", "s@cret"));
        ProviderConfig local = c.providers().get("local");
        assertThat(local.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(local.streamUsage()).isFalse();
        assertThat(local.extraBody().get("keep_alive").asText()).isEqualTo("5m");
        assertThat(c.models().get("gpt-4o")).isEqualTo(new ModelConfig("openai", "gpt-4o-2024-08-06"));
    }

    @Test
    void parse_emptyFile_isTheDefaults() {
        MeridianConfig c = ConfigLoader.parse("", ENV);
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.server().maxBodySize()).isEqualTo(32L << 20);
        assertThat(c.models()).isEmpty();
    }

    @Test
    void parse_responsesSettings_defaultsAndOverrides() {
        MeridianConfig defaults = ConfigLoader.parse("""
                providers:
                  o: {type: openai, apiKey: k}
                  c: {type: openai-compatible, baseUrl: "http://localhost:8000/v1"}
                """, ENV);
        assertThat(defaults.storage().responses().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.providers().get("o").settings("o").responsesApi()).isTrue();
        assertThat(defaults.providers().get("c").settings("c").responsesApi()).isFalse();

        MeridianConfig set = ConfigLoader.parse("""
                storage:
                  responses: {retention: 168h}
                providers:
                  o: {type: openai, apiKey: k, responsesApi: false}
                  c: {type: openai-compatible, baseUrl: "http://localhost:8000/v1", responsesApi: true}
                """, ENV);
        assertThat(set.storage().responses().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(set.providers().get("o").settings("o").responsesApi()).isFalse();
        assertThat(set.providers().get("c").settings("c").responsesApi()).isTrue();
        assertProblem(
                "storage:\n  responses:\n    retention: 10s\n", "storage.responses.retention: must be at least 1m");
        assertThat(set.storage().responses().maxPendingWrites()).isEqualTo(32L << 20);
        assertProblem(
                "storage:\n  responses:\n    maxPendingWrites: 1KiB\n",
                "storage.responses.maxPendingWrites: must be at least 64KiB");
    }

    @Test
    void parse_unsetVariableWithoutDefault_namesKeyAndVariable() {
        assertProblem(
                "providers:\n  p:\n    type: openai\n    apiKey: ${MISSING_KEY}\n",
                "providers.p.apiKey: environment variable MISSING_KEY is not set");
    }

    @Test
    void parse_emptyVariableTakesTheDefault_andDollarDollarIsLiteral() {
        MeridianConfig c = ConfigLoader.parse("""
                providers:
                  p:
                    type: openai
                    apiKey: ${EMPTY:-fallback-key}
                    headers:
                      X-Template: "$${NOT_A_VAR}"
                """, ENV);
        assertThat(c.providers().get("p").apiKey()).isEqualTo("fallback-key");
        assertThat(c.providers().get("p").headers()).containsEntry("X-Template", "${NOT_A_VAR}");
    }

    @Test
    void parse_unknownKey_isNamedWithItsPath() {
        assertProblem(
                "providers:\n  p:\n    type: openai\n    apiKey: k\n    baseurl: http://x\n",
                "providers.p.baseurl: unknown key");
        assertProblem("serverr:\n  port: 1\n", "serverr: unknown key");
    }

    private static final String TWO_PROVIDERS =
            "providers:\n  a:\n    type: openai\n    apiKey: k\n" + "  b:\n    type: anthropic\n    apiKey: k\n";

    @Test
    void parse_modelGroup_fullForm_withRoutingDefaults() {
        MeridianConfig c = ConfigLoader.parse(TWO_PROVIDERS + """
                models:
                  chat:
                    strategy: lowest-latency
                    deployments:
                      - {name: east, provider: a, model: gpt-4o, region: us-east, country: us, weight: 3, rpm: 500}
                      - {provider: b, model: claude-sonnet-4-5, price: {input: 3, output: 15}}
                    retry: {maxAttempts: 5}
                    fallbacks: {rateLimit: [backup], any: [backup]}
                    hedging: {delay: 250ms}
                  backup: {provider: b, model: claude-haiku-4-5}
                """, ENV);
        ModelConfig chat = c.models().get("chat");
        assertThat(chat.deployments())
                .extracting(ModelConfig.DeploymentConfig::id)
                .containsExactly("east", "b/claude-sonnet-4-5");
        assertThat(chat.deployments().get(1).weight()).as("default weight").isEqualTo(1);
        assertThat(chat.retry().over(c.routing().retry()).maxAttempts()).isEqualTo(5);
        assertThat(chat.retry().over(c.routing().retry()).attemptTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(chat.hedging().enabled()).isTrue();
        assertThat(c.routing().healthChecks().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.routing().healthChecks().unhealthyThreshold()).isEqualTo(3);
        assertThat(c.routing().breaker().cooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.routing().overload().shedStatus()).isEqualTo(503);
    }

    @Test
    void parse_badRouting_namesTheKey() {
        String models = "models:\n  m: {provider: a, model: x}\n";
        assertProblem(
                TWO_PROVIDERS + "models:\n  m: {provider: a, model: x, strategy: fastest}\n",
                "models.m.strategy: 'fastest' is unknown");
        assertProblem(
                TWO_PROVIDERS + "models:\n  m:\n    provider: a\n    model: x\n    deployments:\n"
                        + "      - {provider: b, model: y}\n",
                "models.m: give either provider and model, or deployments");
        assertProblem(
                TWO_PROVIDERS + "models:\n  m:\n    provider: a\n    model: x\n    fallbacks:\n"
                        + "      serverError: [nowhere]\n",
                "models.m.fallbacks.serverError: no model named 'nowhere'");
        assertProblem(
                TWO_PROVIDERS + "models:\n  m:\n    provider: a\n    model: x\n    fallbacks:\n"
                        + "      outage: [m]\n",
                "models.m.fallbacks.outage: unknown failure class");
        assertProblem(
                TWO_PROVIDERS + "models:\n  m:\n    deployments:\n      - {provider: a, model: x}\n"
                        + "      - {provider: a, model: x}\n",
                "models.m.deployments[1].name: 'a/x' names another");
        assertProblem(
                TWO_PROVIDERS + "models:\n  m:\n    deployments:\n      - {provider: c, model: x}\n",
                "models.m.deployments[0].provider: no provider named 'c'");
        assertProblem(
                TWO_PROVIDERS + models + "routing:\n  overload: {shedStatus: 500}\n",
                "routing.overload.shedStatus: must be 429 or 503");
        assertProblem(
                TWO_PROVIDERS + models + "routing:\n  residency: {defaultRule: MARS}\n",
                "routing.residency.defaultRule: no rule named 'MARS'");
        assertProblem(
                TWO_PROVIDERS + models + "routing:\n  residency:\n    rules: {XX: [germany]}\n",
                "routing.residency.rules:");
        assertProblem(
                TWO_PROVIDERS + models + "routing:\n  smart:\n    candidates: {poetry: {low: [m]}}\n",
                "routing.smart.candidates.poetry: unknown task type");
        assertProblem(
                TWO_PROVIDERS + models + "routing:\n  retry: {maxAttempts: 0}\n",
                "routing.retry.maxAttempts: must be at least 1");
    }

    @Test
    void parse_emptyFile_slowClientLimitsHaveTheirDefaults() {
        ServerConfig s = ConfigLoader.parse("", ENV).server();

        assertThat(s.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.bodyStallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.maxConnectionsPerClient()).isEqualTo(256);
    }

    @Test
    void parse_slowClientLimits_areReadAndChecked() {
        ServerConfig s = ConfigLoader.parse(
                        "server:\n  headerTimeout: 2s\n  bodyStallTimeout: 1500ms\n  idleTimeout: 5m\n"
                                + "  maxConnectionsPerClient: 0\n",
                        ENV)
                .server();
        assertThat(s.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.bodyStallTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.maxConnectionsPerClient()).isZero();

        assertProblem("server:\n  headerTimeout: 0s\n", "server.headerTimeout: must be at least 1ms");
        assertProblem("server:\n  bodyStallTimeout: 0s\n", "server.bodyStallTimeout: must be at least 1ms");
        assertProblem("server:\n  idleTimeout: 0s\n", "server.idleTimeout: must be at least 1ms");
        assertProblem(
                "server:\n  maxConnectionsPerClient: -1\n",
                "server.maxConnectionsPerClient: must be 0 (unlimited) or more");
    }

    @Test
    void parse_requestLogRetention_readsDaysAndDefaultsTo400And90Days() {
        StorageConfig.RequestLog defaults =
                ConfigLoader.parse("server:\n  port: 0\n", ENV).storage().requestLog();
        StorageConfig.RequestLog set = ConfigLoader.parse(
                        "storage:\n  requestLog:\n    retention: 30d\n    bodyRetention: 36h\n"
                                + "    purgeInterval: 1m\n    purgeBatchSize: 200\n",
                        ENV)
                .storage()
                .requestLog();

        assertThat(defaults.retention()).isEqualTo(Duration.ofDays(400));
        assertThat(defaults.bodyRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(set.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(set.bodyRetention()).isEqualTo(Duration.ofHours(36));
        assertThat(set.purgeInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(set.purgeBatchSize()).isEqualTo(200);
        assertProblem(
                "storage:\n  requestLog:\n    retention: 30m\n", "storage.requestLog.retention: must be at least 1h");
        assertProblem(
                "storage:\n  requestLog:\n    purgeBatchSize: 5000\n",
                "storage.requestLog.purgeBatchSize: must be between 1 and 1000");
        assertProblem("storage:\n  requestLog:\n    bodyRetention: a month\n", "storage.requestLog.bodyRetention");
    }

    @Test
    void parse_badValues_nameTheirKey() {
        assertProblem("server:\n  port: eighty\n", "server.port");
        assertProblem("server:\n  port: 70000\n", "server.port: 70000 is not a port number");
        assertProblem(
                "server:\n  shutdownGracePeriod: 30\n", "server.shutdownGracePeriod: must be a duration like 30s");
        assertProblem(
                "providers:\n  p:\n    type: openai\n    apiKey: k\n    timeouts:\n      idle: soon\n",
                "providers.p.timeouts.idle: must be a duration like 30s or 500ms (units: ms, s, m, h, d), got \"soon\"");
        assertProblem("server:\n  maxBodySize: lots\n", "server.maxBodySize: must be a size like 32MiB");
    }

    @Test
    void validate_crossReferencesAndRequiredValues() {
        assertProblem("providers:\n  p:\n    type: anthropc\n", "providers.p.type: 'anthropc' is unknown");
        assertProblem("providers:\n  p:\n    type: anthropic\n", "providers.p.apiKey: required for type anthropic");
        assertProblem(
                "providers:\n  p:\n    type: azure\n    apiKey: k\n", "providers.p.baseUrl: required for type azure");
        assertProblem(
                "providers:\n  p:\n    type: openai-compatible\n    baseUrl: ftp://x\n",
                "providers.p.baseUrl: 'ftp://x' must be an http:// or https:// URL");
        assertProblem(
                "providers:\n  p:\n    type: openai\n    apiKey: k\n    proxy:\n      url: socks4://h:1\n",
                "providers.p.proxy: scheme must be http or socks5");
        assertProblem(
                "models:\n  m:\n    provider: nobody\n    model: x\n", "models.m.provider: no provider named 'nobody'");
        assertProblem(
                "auth:\n  apiKeys:\n    - name: a\n      key: short\n", "auth.apiKeys[0].key: required, at least 8");
    }

    @Test
    void parse_healthCheck_pathOrNone_andTheDefault() {
        MeridianConfig c = ConfigLoader.parse("""
                providers:
                  proxied:
                    type: openai-compatible
                    baseUrl: http://127.0.0.1:4000/v1
                    healthCheck:
                      path: /health/liveliness
                  azure:
                    type: azure
                    baseUrl: https://x.openai.azure.com
                    apiKey: k
                    healthCheck: {method: none}
                  openai:
                    type: openai
                    apiKey: k
                """, ENV);
        assertThat(c.providers().get("proxied").healthCheck().path()).isEqualTo("/health/liveliness");
        assertThat(c.providers().get("proxied").healthCheck().active()).isTrue();
        assertThat(c.providers().get("azure").healthCheck().active()).isFalse();
        assertThat(c.providers().get("openai").healthCheck())
                .as("default: the model list")
                .isEqualTo(new ProviderConfig.HealthCheck("get", null));
    }

    @Test
    void validate_badHealthCheck_namesTheKey() {
        String provider = "providers:\n  p:\n    type: openai\n    apiKey: k\n    healthCheck:\n";
        assertProblem(provider + "      method: head\n", "providers.p.healthCheck.method: 'head' is unknown");
        assertProblem(provider + "      path: health\n", "providers.p.healthCheck.path: 'health' must be a path");
        assertProblem(
                provider + "      path: http://elsewhere/health\n",
                "providers.p.healthCheck.path: 'http://elsewhere/health' must be a path");
        assertProblem(
                provider + "      method: none\n      path: /health\n",
                "providers.p.healthCheck.path: a path has no use with method none");
        assertProblem(provider + "      interval: 5s\n", "providers.p.healthCheck.interval: unknown key");
    }

    @Test
    void validate_reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                providers:
                  p:
                    type: gemini
                models:
                  m:
                    provider: q
                    model: x
                """, ENV))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void parse_duplicateKey_isRefused() {
        assertProblem("server:\n  port: 1\nserver:\n  port: 2\n", "Duplicate field 'server'");
    }

    private static void assertProblem(String yaml, String expected) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected);
    }
}
