package dev.meridian.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A parsed outbound proxy setting. */
public record ProxySpec(Kind kind, String host, int port, String username, String password) {

    public enum Kind {
        HTTP,
        SOCKS5
    }

    /** Parses {@code http://[user:pass@]host:port} or {@code socks5://...}; throws IllegalArgumentException. */
    public static ProxySpec parse(ProviderConfig.Proxy proxy) {
        if (proxy.url() == null) {
            throw new IllegalArgumentException("url is required (http://host:port or socks5://host:port)");
        }
        URI u;
        try {
            u = new URI(proxy.url());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + redact(proxy.url()) + "' is not a URL");
        }
        Kind kind;
        if ("http".equals(u.getScheme())) {
            kind = Kind.HTTP;
        } else if ("socks5".equals(u.getScheme()) || "socks5h".equals(u.getScheme())) {
            kind = Kind.SOCKS5;
        } else {
            throw new IllegalArgumentException("scheme must be http or socks5, not '" + u.getScheme() + "'");
        }
        if (u.getHost() == null || u.getPort() < 1) {
            throw new IllegalArgumentException("'" + redact(proxy.url()) + "' needs a host and a port");
        }
        String user = null;
        String pass = null;
        if (u.getRawUserInfo() != null) {
            String[] parts = u.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            pass = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        if (proxy.username() != null) {
            user = proxy.username();
        }
        if (proxy.password() != null) {
            pass = proxy.password();
        }
        return new ProxySpec(kind, u.getHost(), u.getPort(), user, pass);
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
