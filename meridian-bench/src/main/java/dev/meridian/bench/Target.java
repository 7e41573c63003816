package dev.meridian.bench;

import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where the load goes: the upstream itself (the simulator or a fixed-answer nginx), or a proxy in front of it.
 *
 * @param name   short name in tables: direct, gateway (the defaults), gateway-lean (access log and request log off),
 *               nginx, gateway-anthropic, gateway-limits (the default gateway through a tenant's key with a
 *               budget, a plan's monthly quotas and request and token rate limits, all far from their limits),
 *               gateway-limits-redis (the same through a second default gateway that counts them in Redis),
 *               gateway-cache (the default gateway, a model group with the response cache on: every request but
 *               the first is a hit, a 2 KB answer from memory), gateway-cache-miss (the same group, every request
 *               different, so every one is a miss that is stored), gateway-cache-redis (the same group through a
 *               gateway whose in-process tier holds nothing, so every hit is read from Redis)
 * @param port   the port on 127.0.0.1
 * @param model  the model name the caller sends
 * @param apiKey the caller's key (the simulator accepts any; the gateway checks its own)
 * @param proxy  the proxy process, whose CPU time is read around each round; null for direct
 * @param unique whether each request is made different from every other one ({@link Scenario#body})
 * @param cache  what {@code x-meridian-cache} every answer should say, or null when not checked
 */
record Target(String name, int port, String model, String apiKey, Proxy proxy, boolean unique, CacheExpectation cache) {

    Target(String name, int port, String model, String apiKey, Proxy proxy) {
        this(name, port, model, apiKey, proxy, false, null);
    }

    /**
     * The process that serves a target, found by its pid when read (a gateway restarted between rounds has a new
     * one).
     *
     * @param tree whether its children count too (nginx: master and workers), else it is a JVM whose threads are
     *     told apart by {@link ThreadKind}
     */
    record Proxy(LongSupplier pid, boolean tree) {

        static Proxy jvm(LongSupplier pid) {
            return new Proxy(pid, false);
        }

        static Proxy tree(LongSupplier pid) {
            return new Proxy(pid, true);
        }

        ProcStats.Cpu cpu() {
            long p = pid.getAsLong();
            return tree ? ProcStats.cpuOfTree(p) : ProcStats.cpu(p);
        }

        /** The JVM's CPU ticks by kind of thread; empty for a process tree. */
        Map<ThreadKind, Long> threads() {
            return tree ? Map.of() : ThreadKind.ticksOf(pid.getAsLong());
        }
    }

    /** The {@code x-meridian-cache} value expected of a JSON answer and of a stream. */
    record CacheExpectation(String json, String stream) {
        String of(Scenario scenario) {
            return scenario.stream() ? stream : json;
        }
    }

    static final String DIRECT = "direct";
    static final String GATEWAY = "gateway";
    static final String GATEWAY_LEAN = "gateway-lean";
    static final String NGINX = "nginx";
    static final String GATEWAY_ANTHROPIC = "gateway-anthropic";
    static final String GATEWAY_LIMITS = "gateway-limits";
    static final String GATEWAY_LIMITS_REDIS = "gateway-limits-redis";
    static final String GATEWAY_CACHE = "gateway-cache";
    static final String GATEWAY_CACHE_MISS = "gateway-cache-miss";
    static final String GATEWAY_CACHE_REDIS = "gateway-cache-redis";

    boolean isDirect() {
        return proxy == null;
    }

    /** Whether a gateway (a JVM, restarted for each of {@code --starts}) serves the target; not direct, not nginx. */
    boolean isGateway() {
        return proxy != null && !proxy.tree();
    }
}
