package dev.meridian.server.upstream;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.provider.ProviderAdapter;
import dev.meridian.server.config.ProviderConfig;
import dev.meridian.server.config.ProviderType;
import java.net.URI;

/**
 * A configured provider, ready to be called: its adapter (pure translation) and where its API is.
 * Immutable and shared by all event loops; each event loop has its own HTTP client for it.
 */
public record Provider(
        String name,
        ProviderType type,
        ProviderAdapter adapter,
        ProviderConfig config,
        boolean ssl,
        String host,
        int port,
        String basePath) {

    public Provider {
        requireNonNull(name, "name");
        requireNonNull(adapter, "adapter");
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

    /** The request URI for a path the adapter built (relative to the base URL). */
    public String uri(String adapterPath) {
        return basePath + adapterPath;
    }
}
