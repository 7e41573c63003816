package dev.meridian.server.cli;

import dev.meridian.server.MeridianServer;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code meridian} command line: {@code serve} (the default), {@code config check}, and the admin commands
 * {@code tenants}, {@code users} and {@code keys}, and {@code audit verify}.
 */
@Command(
        name = "meridian",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Meridian: a self-hosted AI gateway with one OpenAI-compatible endpoint.",
        subcommands = {
            ServeCommand.class,
            ConfigCommand.class,
            TenantsCommand.class,
            UsersCommand.class,
            KeysCommand.class,
            AuditCommand.class
        })
public final class MeridianCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        String[] effective = withDefaultCommand(args);
        boolean serve = "serve".equals(effective[0]);
        if (serve) {
            MeridianServer.prepare();
        }
        int code = serve
                ? serveCommandLine().execute(Arrays.copyOfRange(effective, 1, effective.length))
                : new CommandLine(new MeridianCommand()).execute(effective);
        if (code != 0 || !serve) {
            System.exit(code);
        }
    }

    /**
     * {@code serve} on its own: picocli builds the model of every subcommand it is given, by reflection, and for
     * all five that took a third of the gateway's start-up. Usage and errors read as they do through the root.
     */
    static CommandLine serveCommandLine() {
        return new CommandLine(new ServeCommand()).setCommandName("meridian serve");
    }

    /** {@code serve} is the default: {@code meridian} and {@code meridian --port 9090} mean {@code meridian serve ...}. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length > 0
                && (!args[0].startsWith("-")
                        || java.util.Set.of("-h", "--help", "-V", "--version").contains(args[0]))) {
            return args;
        }
        String[] withServe = new String[args.length + 1];
        withServe[0] = "serve";
        System.arraycopy(args, 0, withServe, 1, args.length);
        return withServe;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
