package dev.meridian.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks what binding cannot: references between sections, required values, URL and range checks. */
final class ConfigValidator {

    private ConfigValidator() {}

    static void validate(MeridianConfig c) {
        List<String> problems = problems(c);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Every problem of a bound configuration, each "key: message"; empty when it is valid. */
    static List<String> problems(MeridianConfig c) {
        List<String> problems = new ArrayList<>();
        ServerConfig s = c.server();
        if (s.port() < 0 || s.port() > 65535) {
            problems.add("server.port: " + s.port() + " is not a port number (0-65535)");
        }
        if (s.maxBodySize() < 1024) {
            problems.add("server.maxBodySize: must be at least 1KiB");
        }
        if (s.eventLoops() < 1) {
            problems.add("server.eventLoops: must be at least 1");
        }
        slowClients(s, problems);
        TlsValidator.tls(s.tls(), problems);
        Map<String, String> callerKeys = new LinkedHashMap<>();
        for (int i = 0; i < c.auth().apiKeys().size(); i++) {
            MeridianConfig.ApiKeyConfig k = c.auth().apiKeys().get(i);
            String key = "auth.apiKeys[" + i + "]";
            if (k.name() == null || k.name().isBlank()) {
                problems.add(key + ".name: required");
            }
            callerKeys.put(key + ".key", k.key());
        }
        KeyRules.check(callerKeys, c.auth().adminKey(), "auth.adminKey", problems);
        for (Map.Entry<String, ProviderConfig> e : c.providers().entrySet()) {
            provider("providers." + e.getKey(), e.getKey(), e.getValue(), problems);
        }
        for (Map.Entry<String, ModelConfig> e : c.models().entrySet()) {
            RoutingValidator.group("models." + e.getKey(), e.getKey(), e.getValue(), c, problems);
        }
        RoutingValidator.routing(c.routing(), c, problems);
        storage(c.storage(), problems);
        AlertsValidator.alerts(c.alerts(), problems);
        redis(c.redis(), problems);
        c.pricing().check(problems);
        c.audit().check(problems);
        c.telemetry().check(problems);
        CacheValidator.cache(c, problems);
        return problems;
    }

    private static void slowClients(ServerConfig s, List<String> problems) {
        positive("server.headerTimeout", s.headerTimeout(), problems);
        positive("server.bodyStallTimeout", s.bodyStallTimeout(), problems);
        positive("server.idleTimeout", s.idleTimeout(), problems);
        if (s.maxConnectionsPerClient() < 0) {
            problems.add("server.maxConnectionsPerClient: must be 0 (unlimited) or more");
        }
        java.time.Duration watch = s.configWatchInterval();
        if (watch.isNegative() || (!watch.isZero() && watch.toMillis() < 100)) {
            problems.add("server.configWatchInterval: must be 0s (off) or at least 100ms");
        }
    }

    /** The connection guard checks deadlines with millisecond timers: below that a limit cannot be kept. */
    private static void positive(String key, java.time.Duration d, List<String> problems) {
        if (d.toMillis() < 1) {
            problems.add(key + ": must be at least 1ms");
        }
    }

    private static void provider(String key, String name, ProviderConfig p, List<String> problems) {
        if (p == null) {
            problems.add(key + ": needs at least a type");
            return;
        }
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            problems.add(key + ": provider names may use letters, digits, '_', '.', '-'");
        }
        ProviderType type = p.type() == null ? null : ProviderType.of(p.type());
        if (type == null) {
            problems.add(key + ".type: " + (p.type() == null ? "required" : "'" + p.type() + "' is unknown")
                    + "; one of " + ProviderType.ids());
            return;
        }
        if (p.baseUrl() == null && type.defaultBaseUrl() == null) {
            problems.add(key + ".baseUrl: required for type " + type.id());
        } else if (p.baseUrl() != null) {
            httpUrl(key + ".baseUrl", p.baseUrl(), problems);
        }
        if (type.needsApiKey() && (p.apiKey() == null || p.apiKey().isBlank())) {
            problems.add(key + ".apiKey: required for type " + type.id());
        }
        ProviderConfig.Timeouts t = p.timeouts();
        if (t.connect().isZero()
                || t.firstByte().isZero()
                || t.idle().isZero()
                || t.total().isZero()) {
            problems.add(key + ".timeouts: every timeout must be greater than zero");
        }
        RoutingValidator.country(key + ".country", p.country(), problems);
        if (p.maxConnections() < 1) {
            problems.add(key + ".maxConnections: must be at least 1");
        }
        if (p.proxy() != null) {
            try {
                ProxySpec.parse(p.proxy());
            } catch (IllegalArgumentException e) {
                problems.add(key + ".proxy: " + e.getMessage());
            }
        }
        if (p.tls().caFile() != null && !Files.isReadable(Path.of(p.tls().caFile()))) {
            problems.add(key + ".tls.caFile: " + p.tls().caFile() + " is not a readable file");
        }
        healthCheck(key + ".healthCheck", p.healthCheck(), problems);
    }

    private static void healthCheck(String key, ProviderConfig.HealthCheck h, List<String> problems) {
        if (!ProviderConfig.HealthCheck.GET.equals(h.method()) && !ProviderConfig.HealthCheck.NONE.equals(h.method())) {
            problems.add(key + ".method: '" + h.method() + "' is unknown; one of get, none");
        } else if (!h.active() && h.path() != null) {
            problems.add(key + ".path: a path has no use with method none (no checks are made); remove one");
        }
        if (h.path() != null
                && (!h.path().startsWith("/")
                        || h.path().startsWith("//")
                        || h.path().contains("://")
                        || h.path().chars().anyMatch(Character::isWhitespace))) {
            problems.add(key + ".path: '" + h.path()
                    + "' must be a path relative to the base URL, starting with '/' (e.g. /health)");
        }
    }

    private static void redis(RedisConfig r, List<String> problems) {
        if (r.url() != null) {
            RedisConfig.urlProblem(r.url()).ifPresent(p -> problems.add("redis.url: " + p));
        }
        if (r.timeout().isZero() || r.timeout().isNegative()) {
            problems.add("redis.timeout: must be greater than zero");
        }
    }

    private static void storage(StorageConfig s, List<String> problems) {
        if (s.url() != null
                && !s.url().startsWith("jdbc:postgresql:")
                && !s.url().startsWith("jdbc:sqlite:")) {
            problems.add("storage.url: '" + s.url() + "' must be a jdbc:postgresql: or jdbc:sqlite: URL");
        }
        if (s.maxPoolSize() < 1) {
            problems.add("storage.maxPoolSize: must be at least 1");
        }
        StorageConfig.RequestLog r = s.requestLog();
        if (r.segmentSize() < 64 * 1024 || r.segmentSize() > (1L << 30)) {
            problems.add("storage.requestLog.segmentSize: must be between 64KiB and 1GiB");
        } else if (r.maxJournalSize() < 2 * r.segmentSize()) {
            problems.add("storage.requestLog.maxJournalSize: must be at least two segments");
        }
        if (r.batchSize() < 1) {
            problems.add("storage.requestLog.batchSize: must be at least 1");
        }
        if (r.flushInterval().isZero() || r.flushInterval().isNegative()) {
            problems.add("storage.requestLog.flushInterval: must be greater than zero");
        }
        if (r.retention().toHours() < 1) {
            problems.add("storage.requestLog.retention: must be at least 1h");
        }
        if (r.bodyRetention().toHours() < 1) {
            problems.add("storage.requestLog.bodyRetention: must be at least 1h");
        }
        if (r.purgeInterval().toSeconds() < 1) {
            problems.add("storage.requestLog.purgeInterval: must be at least 1s");
        }
        if (r.purgeBatchSize() < 1 || r.purgeBatchSize() > 1000) {
            problems.add("storage.requestLog.purgeBatchSize: must be between 1 and 1000");
        }
        if (s.responses().retention().toMinutes() < 1) {
            problems.add("storage.responses.retention: must be at least 1m");
        }
        if (s.responses().maxPendingWrites() < 64 * 1024) {
            problems.add("storage.responses.maxPendingWrites: must be at least 64KiB");
        }
    }

    private static void httpUrl(String key, String url, List<String> problems) {
        try {
            URI u = new URI(url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                problems.add(key + ": '" + url + "' must be an http:// or https:// URL with a host");
            }
        } catch (URISyntaxException e) {
            problems.add(key + ": '" + url + "' is not a URL: " + e.getReason());
        }
    }
}
