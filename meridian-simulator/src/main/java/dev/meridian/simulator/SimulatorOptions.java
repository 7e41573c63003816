package dev.meridian.simulator;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How to run a {@link ProviderSimulator}. Immutable; each {@code xxx(value)} method returns a copy
 * with one setting changed: {@code SimulatorOptions.defaults().tls(true).apiKey("k")}.
 *
 * @param host the address to bind (default {@code 127.0.0.1})
 * @param port the port to bind; 0 (the default) picks a free one
 * @param tls serve HTTPS with a self-signed certificate for {@code localhost}, offering HTTP/2 and
 *     HTTP/1.1 through ALPN
 * @param apiKey the key every client must present; empty (the default) accepts any non-empty key
 * @param recording whether to record received requests (default on)
 * @param recordLimit how many of the latest requests to keep (default 10,000)
 * @param instances how many event loops serve the port (default 1); raise it for load benchmarks
 * @param models the models the simulator knows; empty (the default) accepts any model name and
 *     lists each protocol's usual catalog
 */
public record SimulatorOptions(
        String host,
        int port,
        boolean tls,
        Optional<String> apiKey,
        boolean recording,
        int recordLimit,
        int instances,
        List<String> models) {

    public static final int DEFAULT_RECORD_LIMIT = 10_000;

    /**
     * @throws IllegalArgumentException if the host is blank, the port is outside 0..65535, the record
     *     limit is negative or there is not at least one instance
     */
    public SimulatorOptions {
        requireNonNull(host, "host");
        requireNonNull(apiKey, "apiKey");
        models = List.copyOf(models);
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (recordLimit < 0) {
            throw new IllegalArgumentException("recordLimit must be >= 0, got " + recordLimit);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be >= 1, got " + instances);
        }
        if (apiKey.isPresent() && apiKey.get().isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank; leave it empty to accept any key");
        }
    }

    /** Loopback, a free port, plain HTTP, any key, recording on, one instance, any model. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions("127.0.0.1", 0, false, Optional.empty(), true, DEFAULT_RECORD_LIMIT, 1, List.of());
    }

    public SimulatorOptions host(String newHost) {
        return new SimulatorOptions(newHost, port, tls, apiKey, recording, recordLimit, instances, models);
    }

    public SimulatorOptions port(int newPort) {
        return new SimulatorOptions(host, newPort, tls, apiKey, recording, recordLimit, instances, models);
    }

    public SimulatorOptions tls(boolean enabled) {
        return new SimulatorOptions(host, port, enabled, apiKey, recording, recordLimit, instances, models);
    }

    /** Requires every client to present {@code key}. */
    public SimulatorOptions apiKey(String key) {
        return new SimulatorOptions(host, port, tls, Optional.of(key), recording, recordLimit, instances, models);
    }

    public SimulatorOptions recording(boolean enabled) {
        return new SimulatorOptions(host, port, tls, apiKey, enabled, recordLimit, instances, models);
    }

    public SimulatorOptions recordLimit(int limit) {
        return new SimulatorOptions(host, port, tls, apiKey, recording, limit, instances, models);
    }

    public SimulatorOptions instances(int count) {
        return new SimulatorOptions(host, port, tls, apiKey, recording, recordLimit, count, models);
    }

    /** Restricts the simulator to these models: others get the protocol's "model not found". */
    public SimulatorOptions models(List<String> known) {
        return new SimulatorOptions(host, port, tls, apiKey, recording, recordLimit, instances, known);
    }
}
