package dev.meridian.server.cli;

import dev.meridian.server.config.ConfigException;
import dev.meridian.server.config.ConfigLoader;
import dev.meridian.server.config.MeridianConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meridian config check}: validate a configuration file without starting anything. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Configuration tools.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("Use: meridian config check --config <file>");
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Validate a configuration file; exit code 0 when valid, 2 when not.")
    static final class Check implements Callable<Integer> {

        @Option(
                names = {"-c", "--config"},
                description = "YAML configuration file (default: $MERIDIAN_CONFIG)")
        Path config;

        @Override
        public Integer call() {
            Path file = config != null ? config : ServeCommand.envPath("MERIDIAN_CONFIG");
            if (file == null) {
                System.err.println("No configuration file given: use --config <file> or set MERIDIAN_CONFIG.");
                return 2;
            }
            try {
                MeridianConfig c = ConfigLoader.load(file, System::getenv);
                System.out.println("Configuration " + file + " is valid: "
                        + c.providers().size() + " provider(s), " + c.models().size() + " model(s), port "
                        + c.server().port() + ".");
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
