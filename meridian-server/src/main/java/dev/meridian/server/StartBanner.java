package dev.meridian.server;

import dev.meridian.server.config.MeridianConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.stream.Collectors;

/** The lines a started gateway prints: where it listens, its mode, its models and keys. */
final class StartBanner {

    private StartBanner() {}

    static void print(
            PrintStream out,
            MeridianServer server,
            String mode,
            String generatedKey,
            String adminToken,
            Duration startup) {
        out.println(text(server, mode, generatedKey, adminToken, startup));
        out.flush();
    }

    static String text(MeridianServer server, String mode, String generatedKey, String adminToken, Duration startup) {
        MeridianConfig c = server.runtime().config();
        StringBuilder b = new StringBuilder();
        b.append("\nMeridian AI gateway ready in ").append(startup.toMillis()).append(" ms\n");
        b.append("  OpenAI-compatible endpoint: ")
                .append(endpoint(
                        c.server().tls().enabled() ? "https" : "http",
                        c.server().host(),
                        server.port()))
                .append('\n');
        b.append("  Mode:   ").append(mode).append('\n');
        b.append("  Models: ")
                .append(server.runtime().routes().groups().stream()
                        .filter(server.runtime().routes()::canServe) // as /v1/models lists them
                        .map(g -> g.smart() ? g.name() + " (chooses by task)" : g.name())
                        .collect(Collectors.joining(", ")))
                .append('\n');
        if (generatedKey != null) {
            b.append("  API key (generated for this run, shown once; set MERIDIAN_API_KEY to choose one):\n")
                    .append("          ")
                    .append(generatedKey)
                    .append('\n');
        } else {
            b.append("  API keys: ")
                    .append(
                            c.auth().apiKeys().isEmpty()
                                    ? "MERIDIAN_API_KEY"
                                    : c.auth().apiKeys().size() + " from the configuration")
                    .append('\n');
        }
        if (adminToken != null) {
            b.append(AdminBootstrap.adminTokenLines(adminToken));
        } else {
            b.append("  Admin API: /admin/v1 (")
                    .append(
                            server.runtime().adminKey() != null
                                    ? "admin key configured"
                                    : "super-admin token created on the first start")
                    .append(")\n");
        }
        b.append("  Health: /health/live /health/ready   Metrics: /metrics\n");
        return b.toString();
    }

    /**
     * The address the gateway listens on, as a URL; for a wildcard address (all interfaces) also the URL to use
     * from this machine, since {@code 0.0.0.0} is where one listens, not where one connects.
     */
    static String endpoint(String host, int port) {
        return endpoint("http", host, port);
    }

    /** Like {@link #endpoint(String, int)}, with the scheme: https when the listener speaks TLS. */
    static String endpoint(String scheme, String host, int port) {
        String url = scheme + "://" + bracketed(host) + ":" + port + "/v1";
        boolean everywhere = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        return everywhere
                ? url + " (all interfaces; from this machine: " + scheme + "://localhost:" + port + "/v1)"
                : url;
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
