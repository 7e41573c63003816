package dev.meridian.simulator;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the provider simulator until the process is stopped:
 * {@code java -jar meridian-simulator-<version>-standalone.jar --port 9000 [--host 127.0.0.1] [--tls]
 * [--api-key k] [--no-record] [--instances N] [--model m]...}.
 */
@Command(
        name = "provider-simulator",
        mixinStandardHelpOptions = true,
        description =
                "Simulates the OpenAI, Azure OpenAI, Anthropic and Gemini APIs (see meridian-simulator/README.md).")
public final class SimulatorMain implements Callable<Integer> {

    @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 9000;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--tls", description = "Serve HTTPS (HTTP/2 and HTTP/1.1) with a self-signed certificate.")
    boolean tls;

    @Option(names = "--api-key", description = "The key clients must present (default: any non-empty key).")
    String apiKey;

    @Option(names = "--no-record", description = "Do not record received requests.")
    boolean noRecord;

    @Option(names = "--record-limit", description = "How many requests to keep (default: ${DEFAULT-VALUE}).")
    int recordLimit = SimulatorOptions.DEFAULT_RECORD_LIMIT;

    @Option(names = "--instances", description = "Event loops serving the port (default: ${DEFAULT-VALUE}).")
    int instances = 1;

    @Option(names = "--model", description = "A model the simulator knows (repeatable; default: any model).")
    List<String> models = List.of();

    public static void main(String[] args) {
        // The jar ships slf4j-api without a binding; keep its "no providers" notice off the console.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(new CommandLine(new SimulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        SimulatorOptions options = SimulatorOptions.defaults()
                .host(host)
                .port(port)
                .tls(tls)
                .recording(!noRecord)
                .recordLimit(recordLimit)
                .instances(instances)
                .models(models);
        if (apiKey != null) {
            options = options.apiKey(apiKey);
        }
        ProviderSimulator simulator = ProviderSimulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            stopped.countDown();
                        },
                        "simulator-shutdown"));
        System.out.println("Provider simulator listening on " + simulator.baseUrl()
                + simulator
                        .certificatePath()
                        .map(p -> " (certificate " + p + ")")
                        .orElse(""));
        stopped.await();
        return 0;
    }
}
