package dev.meridian.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code meridian} command line: {@code serve} (the default) and {@code config check}. */
@Command(name = "meridian", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Meridian: a self-hosted AI gateway with one OpenAI-compatible endpoint.",
        subcommands = {ServeCommand.class, ConfigCommand.class})
public final class MeridianCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new MeridianCommand());
        String[] effective = args.length == 0 ? new String[]{"serve"} : args;
        int code = cli.execute(effective);
        if (code != 0 || !"serve".equals(effective[0])) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
