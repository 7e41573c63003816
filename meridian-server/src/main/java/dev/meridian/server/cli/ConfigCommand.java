package dev.meridian.server.cli;

import dev.meridian.server.config.ConfigException;
import dev.meridian.server.config.ConfigLoader;
import dev.meridian.server.config.ConfigWarnings;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.store.crypto.BadMasterKeyException;
import dev.meridian.store.crypto.KeyRing;
import java.nio.file.Path;
import java.util.List;
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
            description = "Validate a configuration file, reporting every problem at once; exit code 0 when valid"
                    + " (warnings are printed but do not fail the check), 2 when not.")
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
            // The master keys are environment, not file, but a start with a bad one fails just the same: say so here.
            String keyProblem = null;
            try {
                KeyRing.fromEnvironment(System::getenv);
            } catch (BadMasterKeyException e) {
                keyProblem = e.getMessage();
            }
            try {
                MeridianConfig c = ConfigLoader.load(file, System::getenv);
                if (keyProblem != null) {
                    System.err.println("Configuration " + file + " is valid, but the environment is not:");
                    System.err.println("  - " + keyProblem);
                    return 2;
                }
                List<String> warnings = ConfigWarnings.of(c);
                warnings.forEach(w -> System.out.println("Warning: " + w));
                System.out.println("Configuration " + file + " is valid: "
                        + c.providers().size() + " provider(s), " + c.models().size() + " model(s)"
                        + (c.demo() ? " (demo models included)" : "")
                        + (c.alerts().channels().isEmpty()
                                ? ""
                                : ", " + c.alerts().channels().size() + " alert channel(s)")
                        + ", port " + c.server().port()
                        + (warnings.isEmpty() ? "." : "; " + warnings.size() + " warning(s) above."));
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                if (keyProblem != null) {
                    System.err.println("  - " + keyProblem);
                }
                return 2;
            }
        }
    }
}
