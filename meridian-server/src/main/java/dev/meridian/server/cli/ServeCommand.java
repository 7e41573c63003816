package dev.meridian.server.cli;

import dev.meridian.server.MeridianServer;
import dev.meridian.server.config.ConfigException;
import dev.meridian.server.runtime.HangUp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meridian serve}: start the gateway and serve until SIGTERM/SIGINT, then shut down gracefully. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Start the gateway (the default command). Without --config it uses the embedded default.")
final class ServeCommand implements Callable<Integer> {

    @Option(
            names = {"-c", "--config"},
            description = "YAML configuration file (default: $MERIDIAN_CONFIG, else the" + " embedded default)")
    Path config;

    @Option(
            names = {"-p", "--port"},
            description = "Port to listen on (default: $MERIDIAN_PORT, else the" + " configuration, else 8080)")
    Integer port;

    @Option(
            names = "--host",
            description = "Address to listen on: 0.0.0.0 for all interfaces, 127.0.0.1 for this machine only"
                    + " (default: $MERIDIAN_HOST, else the configuration, else 0.0.0.0)")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        Path file = config != null ? config : envPath("MERIDIAN_CONFIG");
        // Before the gateway starts: a SIGHUP from then on must never stop it, as the JVM's own handling would.
        HangUp hangUp = HangUp.install();
        MeridianServer server;
        try {
            server = MeridianServer.start(new MeridianServer.Options(file, port, host, System::getenv, System.out));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        hangUp.serving(server.liveConfig());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "meridian-shutdown"));
        int[] status = {0};
        server.fatal().onSuccess(reason -> {
            // The database belongs to a newer Meridian: this build must not run against it.
            System.err.println("meridian: refusing to run: " + reason.getMessage());
            status[0] = 3;
            stopped.countDown();
        });
        stopped.await();
        if (status[0] != 0) {
            server.close();
        }
        return status[0];
    }

    static Path envPath(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : Path.of(v);
    }
}
