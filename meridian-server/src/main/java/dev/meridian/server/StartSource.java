package dev.meridian.server;

import dev.meridian.server.config.ConfigLoader;
import dev.meridian.server.config.DemoModels;
import dev.meridian.server.config.EmbeddedDefaults;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.simulator.Simulator;
import dev.meridian.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a start's configuration comes from: the YAML file, the embedded default built from provider keys in the
 * environment, or the demo (no key: the built-in provider simulator serves demo models). A demo, and a file that
 * asks for demo models, start the simulator, which the server closes with itself.
 *
 * @param config    the configuration, before the command line's and the environment's port and address
 * @param simulator the simulator started for demo models, or null
 * @param mode      how the start banner describes the source
 */
record StartSource(MeridianConfig config, Simulator simulator, String mode) {

    static StartSource resolve(Path configFile, Function<String, String> env) {
        if (configFile != null) {
            MeridianConfig config = ConfigLoader.load(configFile, env);
            String mode = "configuration file " + configFile;
            if (!config.demo()) {
                return new StartSource(config, null, mode);
            }
            Simulator simulator = startSimulator();
            return new StartSource(
                    DemoModels.pointAt(config, simulator.baseUrl()),
                    simulator,
                    mode + ", with demo models from the built-in provider simulator at " + simulator.baseUrl());
        }
        if (EmbeddedDefaults.hasProviderKey(env)) {
            MeridianConfig config = EmbeddedDefaults.fromEnvironment(env);
            return new StartSource(
                    config,
                    null,
                    "embedded default (providers: "
                            + String.join(", ", config.providers().keySet()) + ")");
        }
        Simulator simulator = startSimulator();
        return new StartSource(
                EmbeddedDefaults.demo(simulator.baseUrl()),
                simulator,
                "DEMO: no provider API key found (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, DEEPSEEK_API_KEY);"
                        + " serving demo models from the built-in provider simulator at " + simulator.baseUrl());
    }

    /** Nothing reads a demo's recorded requests; keeping the last 10,000 bodies would only hold memory. */
    private static Simulator startSimulator() {
        return Simulator.start(SimulatorOptions.defaults().recording(false));
    }
}
