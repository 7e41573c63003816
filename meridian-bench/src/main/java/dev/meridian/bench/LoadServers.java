package dev.meridian.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The servers a load run drives, started through {@link BenchProcesses}: the upstream (the simulator, or nginx with
 * fixed answers: {@link FixedUpstream}), the gateway, a second gateway with the access log and request log off when
 * target gateway-lean is asked for, and nginx as a reverse proxy; and the {@link Target} that reaches each. Not
 * thread-safe: the load benchmark's thread only.
 */
final class LoadServers {

    private final LoadOptions options;
    private final BenchProcesses processes;
    private final Path out;
    private final GatewayLaunch launch;
    private Path gatewayConfig;
    private ChildProcess upstream;
    /** Read by the memory sampler's thread too, across restarts. */
    private volatile ChildProcess gateway;

    private ChildProcess gatewayLean;
    private ChildProcess nginx;
    /** Which start of the gateways is running: 1, then one more per {@link #restartGateways}. */
    private int start = 1;

    private String limitsKey;
    private ChildProcess gatewayRedis;
    private String redisLimitsKey;
    private ChildProcess gatewayCacheRedis;
    private RedisCacheTarget redisCache;
    /** The Redis keys of this run start with it; deleted by {@link #deleteRedisKeys}. */
    private final String redisPrefix = "meridian-bench:" + java.util.UUID.randomUUID() + ":";

    LoadServers(LoadOptions options, BenchProcesses processes, Path out, GatewayLaunch launch) {
        this.options = options;
        this.processes = processes;
        this.out = out;
        this.launch = launch;
    }

    /**
     * Starts the upstream, waits until it answers, and writes the gateway's configuration, which routes to it.
     *
     * @param simJar the simulator's jar; unused with an nginx upstream
     * @return the gateway's configuration file
     */
    Path startUpstream(Path simJar) throws InterruptedException {
        if (options.nginxUpstream()) {
            upstream = nginx("upstream-nginx", FixedUpstream.nginxConf(out, options.simPort, options.nginxWorkers));
            Readiness.await(upstream, options.simPort, "/_sim/health", 5, Duration.ofSeconds(30));
        } else {
            upstream = processes.simulator(options.simJvm, simJar, options.simPort, options.simInstances);
        }
        gatewayConfig = gatewayConfig("meridian-bench.yaml", options.gatewayPort, options.accessLog, true, "");
        return gatewayConfig;
    }

    /**
     * Starts the gateway, the gateway with both logs off when {@code lean}, and nginx, each waited for until it
     * answers. After {@link #startUpstream}.
     */
    void startProxies(boolean lean) throws InterruptedException {
        nginx = nginx("nginx", ServerConfigs.nginx(out, options.nginxPort, options.simPort, options.nginxWorkers));
        Readiness.await(nginx, options.nginxPort, "/_sim/health", 5, Duration.ofSeconds(30));
        startGateways(lean);
    }

    /**
     * Stops every gateway and starts each again with a fresh data directory, as {@link #startProxies} did: a new
     * start of the JVM, for the next of {@code --starts}. nginx and the upstream keep running.
     */
    void restartGateways() throws InterruptedException {
        boolean lean = gatewayLean != null;
        for (ChildProcess p : java.util.Arrays.asList(gatewayCacheRedis, gatewayRedis, gatewayLean, gateway)) {
            if (p != null) {
                processes.stop(p);
            }
        }
        BenchProcesses.waitForPort(options.gatewayPort);
        BenchProcesses.waitForPort(options.gatewayLeanPort);
        BenchProcesses.waitForPort(options.gatewayRedisPort);
        BenchProcesses.waitForPort(options.gatewayCacheRedisPort);
        gatewayLean = null;
        gatewayRedis = null;
        gatewayCacheRedis = null;
        redisCache = null;
        start++;
        startGateways(lean);
    }

    /** A gateway process's name in this start, which names its log and data directory: {@code gateway-lean-start2}. */
    private String named(String name) {
        return start == 1 ? name : name + "-start" + start;
    }

    private void startGateways(boolean lean) throws InterruptedException {
        gateway = processes.gateway(named("gateway"), launch, "", gatewayConfig, options.gatewayPort);
        if (lean) {
            gatewayLean = processes.gateway(
                    named(Target.GATEWAY_LEAN),
                    launch,
                    "",
                    gatewayConfig("meridian-bench-lean.yaml", options.gatewayLeanPort, false, false, ""),
                    options.gatewayLeanPort);
        }
        if (options.redis()) {
            String redis = "redis:\n  url: redis://127.0.0.1:6379\n  keyPrefix: \"" + redisPrefix + "\"\n";
            gatewayRedis = processes.gateway(
                    named(Target.GATEWAY_LIMITS_REDIS),
                    launch,
                    "",
                    gatewayConfig(
                            "meridian-bench-redis.yaml",
                            options.gatewayRedisPort,
                            options.accessLog,
                            true,
                            redis + RedisCacheTarget.cacheSection(redisPrefix, false)),
                    options.gatewayRedisPort);
            if (options.activeTargets().contains(Target.GATEWAY_CACHE_REDIS)) {
                gatewayCacheRedis = processes.gateway(
                        named(Target.GATEWAY_CACHE_REDIS),
                        launch,
                        "",
                        gatewayConfig(
                                "meridian-bench-cache-redis.yaml",
                                options.gatewayCacheRedisPort,
                                options.accessLog,
                                true,
                                redis + RedisCacheTarget.cacheSection(redisPrefix, true)),
                        options.gatewayCacheRedisPort);
                redisCache = new RedisCacheTarget(options.gatewayRedisPort, options.gatewayCacheRedisPort);
            }
        }
        try {
            if (options.activeTargets().contains(Target.GATEWAY_LIMITS)) {
                limitsKey = new LimitsTenant(options.gatewayPort).create();
            }
            if (options.activeTargets().contains(Target.GATEWAY_LIMITS_REDIS)) {
                redisLimitsKey = new LimitsTenant(options.gatewayRedisPort).create();
            }
            if (redisCache != null) {
                redisCache.prime();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the limits tenant or the Redis cache entry could not be created", e);
        }
    }

    /** A default-shaped gateway's configuration in the run's directory, in front of this run's upstream. */
    private Path gatewayConfig(String name, int port, boolean accessLog, boolean requestLog, String extra) {
        String cachedPath = options.nginxUpstream() ? FixedUpstream.CACHED_PATH : "";
        return ServerConfigs.gateway(out, name, port, options.simPort, cachedPath, accessLog, requestLog, extra);
    }

    /** Lines for the report on the cache targets: the gateways' cache counters, which show what their answers were. */
    List<String> notes() {
        List<String> notes = new java.util.ArrayList<>();
        if (options.activeTargets().stream().anyMatch(t -> t.startsWith(Target.GATEWAY_CACHE))) {
            notes.add(RedisCacheTarget.summary(
                    java.net.http.HttpClient.newHttpClient(), Target.GATEWAY, options.gatewayPort));
        }
        if (redisCache != null) {
            notes.add(redisCache.describe()
                    + " (its in-process tier holds one byte: each hit read from Redis is one eviction)");
        }
        return notes;
    }

    /** Deletes the Redis keys this run's gateway-limits-redis wrote (and no others). */
    void deleteRedisKeys() {
        if (gatewayRedis != null) {
            RedisKeys.deleteByPrefix(redisPrefix);
        }
    }

    private ChildProcess nginx(String name, Path conf) {
        return processes.spawn(
                name,
                List.of(
                        options.nginx,
                        "-p",
                        out.toString(),
                        "-e",
                        out.resolve(name + "-error.log").toString(),
                        "-c",
                        conf.toString()));
    }

    /**
     * Replaces the gateway by a fresh one for profiling, with deeper JFR stacks (the default 64 frames cut
     * Vert.x stacks short) and debug information at every instruction, without which JFR charges a sample to
     * the nearest safepoint's method, often another method inlined into the same compiled code.
     *
     * @return the new gateway, ready
     */
    ChildProcess restartGatewayForProfiling() throws InterruptedException {
        processes.stop(gateway);
        BenchProcesses.waitForPort(options.gatewayPort);
        gateway = processes.gateway(
                "gateway-profiled",
                launch,
                "-XX:FlightRecorderOptions:stackdepth=256 -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints",
                gatewayConfig,
                options.gatewayPort);
        return gateway;
    }

    /** The upstream's CPU time: the simulator's, or all of nginx's processes. */
    ProcStats.Cpu upstreamCpu() {
        return options.nginxUpstream() ? ProcStats.cpuOfTree(upstream.pid()) : ProcStats.cpu(upstream.pid());
    }

    long gatewayPid() {
        return gateway.pid();
    }

    /** Throws when a gateway has exited: numbers measured through it would mean nothing. */
    void checkGatewaysAlive() {
        gateway.checkAlive();
        if (gatewayRedis != null) {
            gatewayRedis.checkAlive();
        }
        if (gatewayCacheRedis != null) {
            gatewayCacheRedis.checkAlive();
        }
        if (gatewayLean != null) {
            gatewayLean.checkAlive();
        }
    }

    /**
     * The target called {@code name}; its proxy CPU is read from whichever process serves it when asked.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    Target target(String name) {
        return switch (name) {
            case Target.DIRECT ->
                new Target(name, options.simPort, ServerConfigs.SIM_OPENAI_MODEL, ServerConfigs.SIM_KEY, null);
            case Target.GATEWAY ->
                new Target(
                        name,
                        options.gatewayPort,
                        ServerConfigs.PASS_THROUGH_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        Target.Proxy.jvm(() -> gateway.pid()));
            case Target.GATEWAY_LIMITS ->
                new Target(
                        name,
                        options.gatewayPort,
                        ServerConfigs.PASS_THROUGH_MODEL,
                        limitsKey,
                        Target.Proxy.jvm(() -> gateway.pid()));
            case Target.GATEWAY_CACHE ->
                new Target(
                        name,
                        options.gatewayPort,
                        ServerConfigs.CACHED_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        Target.Proxy.jvm(() -> gateway.pid()),
                        false,
                        new Target.CacheExpectation("hit", "hit"));
            case Target.GATEWAY_CACHE_MISS ->
                // A stream's headers leave before it is stored, so a stored stream still says miss (docs/caching.md).
                new Target(
                        name,
                        options.gatewayPort,
                        ServerConfigs.CACHED_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        Target.Proxy.jvm(() -> gateway.pid()),
                        true,
                        new Target.CacheExpectation("stored", "miss"));
            case Target.GATEWAY_CACHE_REDIS ->
                new Target(
                        name,
                        options.gatewayCacheRedisPort,
                        ServerConfigs.CACHED_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        Target.Proxy.jvm(() -> gatewayCacheRedis.pid()),
                        false,
                        new Target.CacheExpectation("hit", "hit"));
            case Target.GATEWAY_LIMITS_REDIS ->
                new Target(
                        name,
                        options.gatewayRedisPort,
                        ServerConfigs.PASS_THROUGH_MODEL,
                        redisLimitsKey,
                        Target.Proxy.jvm(() -> gatewayRedis.pid()));
            case Target.GATEWAY_LEAN ->
                new Target(
                        name,
                        options.gatewayLeanPort,
                        ServerConfigs.PASS_THROUGH_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        Target.Proxy.jvm(() -> gatewayLean.pid()));
            case Target.GATEWAY_ANTHROPIC -> {
                if (options.nginxUpstream()) {
                    throw new IllegalArgumentException(
                            "target gateway-anthropic needs the simulator: nginx has no Anthropic answers");
                }
                yield new Target(
                        name,
                        options.gatewayPort,
                        ServerConfigs.TRANSLATED_MODEL,
                        ServerConfigs.GATEWAY_KEY,
                        Target.Proxy.jvm(() -> gateway.pid()));
            }
            case Target.NGINX ->
                new Target(
                        name,
                        options.nginxPort,
                        ServerConfigs.SIM_OPENAI_MODEL,
                        ServerConfigs.SIM_KEY,
                        Target.Proxy.tree(() -> nginx.pid()));
            default ->
                throw new IllegalArgumentException("unknown target '" + name
                        + "' (direct, gateway, gateway-lean, gateway-limits, gateway-limits-redis, gateway-cache,"
                        + " gateway-cache-miss, gateway-cache-redis, nginx, gateway-anthropic)");
        };
    }
}
