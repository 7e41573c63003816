package dev.meridian.server;

import dev.meridian.server.config.ConfigException;
import dev.meridian.server.config.DemoModels;
import dev.meridian.server.config.MeridianConfig;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a start changes in the file's configuration: the port and address from the command line or the
 * environment, and the demo models pointed at the built-in simulator. Applied at start and again to every
 * reloaded configuration, so a reload compares like with like.
 *
 * @param port         the port override, or null
 * @param host         the address override, or null
 * @param simulatorUrl the demo simulator's base URL, or null when none runs
 */
record StartOverrides(Integer port, String host, String simulatorUrl) implements UnaryOperator<MeridianConfig> {

    static StartOverrides of(MeridianServer.Options options, String simulatorUrl) {
        Function<String, String> env = options.env();
        Integer port = options.portOverride() != null ? options.portOverride() : portFromEnv(env);
        String host = options.hostOverride() != null ? options.hostOverride() : env.apply("MERIDIAN_HOST");
        return new StartOverrides(port, host == null || host.isBlank() ? null : host.trim(), simulatorUrl);
    }

    @Override
    public MeridianConfig apply(MeridianConfig config) {
        MeridianConfig c = simulatorUrl == null ? config : DemoModels.pointAt(config, simulatorUrl);
        if (port != null) {
            c = c.withPort(port);
        }
        return host == null ? c : c.withHost(host);
    }

    private static Integer portFromEnv(Function<String, String> env) {
        String p = env.apply("MERIDIAN_PORT");
        if (p == null || p.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("MERIDIAN_PORT: '" + p + "' is not a port number");
        }
    }
}
