package dev.meridian.server.upstream;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.server.config.ProviderConfig;
import dev.meridian.server.config.ProviderType;
import java.net.URI;

/**
 * A configured provider, ready to be called: its adapter (pure translation) and where its API is. Shared by all event
 * loops; each event loop has its own HTTP client for it. Everything is fixed but the credential: one stored through
 * the admin API replaces the configured apiKey ({@link #useCredential}), and the next call takes the adapter built
 * with it.
 */
public final class Provider {
    private final String name;
    private final ProviderType type;
    private final ProviderConfig config;
    private final boolean ssl;
    private final String host;
    private final int port;
    private final String basePath;
    private final ProviderAdapter configured;
    private volatile ProviderAdapter adapter;
    private volatile String storedCredential;

    private Provider(
            String name,
            ProviderType type,
            ProviderAdapter adapter,
            ProviderConfig config,
            boolean ssl,
            String host,
            int port,
            String basePath) {
        this.name = requireNonNull(name, "name");
        this.type = type;
        this.configured = requireNonNull(adapter, "adapter");
        this.adapter = adapter;
        this.config = config;
        this.ssl = ssl;
        this.host = host;
        this.port = port;
        this.basePath = basePath;
    }

    public static Provider of(String name, ProviderConfig config) {
        ProviderType type = ProviderType.of(config.type());
        String baseUrl = config.baseUrl() != null ? config.baseUrl() : type.defaultBaseUrl();
        URI uri = URI.create(baseUrl);
        boolean ssl = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Provider(name, type, type.adapter(config.settings(name)), config, ssl, uri.getHost(), port, path);
    }

    /**
     * Calls from now on send {@code apiKey} (a credential stored through the admin API) instead of the configured
     * one; null goes back to the configuration's. Setting the credential it already has changes nothing.
     *
     * @throws IllegalArgumentException when the adapter refuses it (a blank key)
     */
    public synchronized void useCredential(String apiKey) {
        if (java.util.Objects.equals(apiKey, storedCredential)) {
            return;
        }
        ProviderAdapter next = apiKey == null
                ? configured
                : type.adapter(config.withApiKey(apiKey).settings(name));
        storedCredential = apiKey;
        adapter = next;
    }

    /** Whether calls send a credential stored through the admin API rather than the configured one. */
    public boolean storedCredential() {
        return storedCredential != null;
    }

    /** The request URI for a path the adapter built (relative to the base URL). */
    public String uri(String adapterPath) {
        return basePath + adapterPath;
    }

    public String name() {
        return name;
    }

    public ProviderType type() {
        return type;
    }

    /** The adapter with the credential in force now. */
    public ProviderAdapter adapter() {
        return adapter;
    }

    public ProviderConfig config() {
        return config;
    }

    public boolean ssl() {
        return ssl;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String basePath() {
        return basePath;
    }

    @Override
    public String toString() {
        return "Provider[" + name + ", " + host + ":" + port + basePath + "]";
    }
}
