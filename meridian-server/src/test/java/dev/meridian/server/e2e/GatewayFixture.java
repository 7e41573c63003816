package dev.meridian.server.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.meridian.server.MeridianServer;
import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.SimulatorOptions;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.SecretScan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A real gateway on a free port in front of a real provider simulator, configured with one model per
 * provider type. Everything goes over loopback HTTP.
 */
public final class GatewayFixture implements AutoCloseable {

    public static final String KEY = KnownSecrets.CALLER_KEY;
    /** The super-admin key of {@link #startWithAdminKey()}. */
    public static final String ADMIN_KEY = KnownSecrets.ADMIN_KEY;

    private final ProviderSimulator simulator;
    private final MeridianServer server;
    private final Path home;
    private final Path configFile;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ByteArrayOutputStream console;
    private final Map<String, String> extraEnv;

    private GatewayFixture(
            ProviderSimulator simulator,
            MeridianServer server,
            Path configFile,
            Path home,
            ByteArrayOutputStream console,
            Map<String, String> extraEnv) {
        this.extraEnv = extraEnv;
        this.console = console;
        this.simulator = simulator;
        this.server = server;
        this.configFile = configFile;
        this.home = home;
    }

    /** This gateway's MERIDIAN_HOME: a fresh directory holding its SQLite database and journal. */
    public Path home() {
        return home;
    }

    public static GatewayFixture start() {
        return start("", "");
    }

    /**
     * @param extraProviders YAML lines added under {@code providers:} (indented two spaces)
     * @param extraModels    YAML lines added under {@code models:}
     */
    public static GatewayFixture start(String extraProviders, String extraModels) {
        return startWith(extraProviders, extraModels);
    }

    /**
     * Like {@link #start()} with more providers and models; {@code SIM_URL} in them stands for this fixture's
     * own simulator base URL.
     */
    public static GatewayFixture startWith(String extraProviders, String extraModels) {
        return startWith(extraProviders, extraModels, SINGLE_ATTEMPT);
    }

    /**
     * The relay tests' routing: one attempt per request, circuits that do not open and no health checks, so
     * every injected fault reaches the caller as it is and cannot leak into the next test.
     */
    public static final String SINGLE_ATTEMPT = """
            routing:
              retry:
                maxAttempts: 1
              breaker:
                consecutiveFailures: 1000000
                minRequests: 1000000
              healthChecks:
                enabled: false
            """;

    /**
     * @param routing the whole {@code routing:} section (top-level YAML), e.g. {@link #SINGLE_ATTEMPT}
     */
    public static GatewayFixture startWith(String extraProviders, String extraModels, String routing) {
        return startWith(extraProviders, extraModels, routing, null);
    }

    /**
     * Like {@link #startWithAdminKey()}, with an {@code alerts:} section (top-level YAML, e.g. {@code "alerts:\n
     * channels: ..."}).
     */
    public static GatewayFixture startWithAlerts(String alerts) {
        return startWith("", "", SINGLE_ATTEMPT + alerts, ADMIN_KEY);
    }

    /** Like {@link #start()}, with {@code auth.adminKey} set to {@link #ADMIN_KEY}. */
    public static GatewayFixture startWithAdminKey() {
        return startWith("", "", SINGLE_ATTEMPT, ADMIN_KEY);
    }

    /** What the gateway printed on its console (the start banner). */
    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Like {@link #start()}, with a simulator that records no requests: for long runs that watch the heap. */
    public static GatewayFixture startUnrecorded() {
        return startWith(
                "", "", SINGLE_ATTEMPT, null, "", SimulatorOptions.defaults().recording(false));
    }

    /** @param adminKey the configured {@code auth.adminKey}, or null for none */
    public static GatewayFixture startWith(String extraProviders, String extraModels, String routing, String adminKey) {
        return startWith(extraProviders, extraModels, routing, adminKey, "", SimulatorOptions.defaults());
    }

    /**
     * Like {@link #start()} with more {@code server:} settings, e.g. {@code "  idleTimeout: 2s\n"} (YAML lines
     * indented two spaces).
     */
    public static GatewayFixture startWithServer(String serverLines) {
        return startWith("", "", SINGLE_ATTEMPT, null, serverLines, SimulatorOptions.defaults());
    }

    /** Like {@link #startWithServer(String)}, with {@code auth.adminKey} set to {@code adminKey}. */
    public static GatewayFixture startWithServer(String serverLines, String adminKey) {
        return startWith("", "", SINGLE_ATTEMPT, adminKey, serverLines, SimulatorOptions.defaults());
    }

    /**
     * A gateway with {@code auth.adminKey} set to {@link #ADMIN_KEY} and {@code extraEnv} in its environment (such as
     * {@code MERIDIAN_MASTER_KEY}); {@link #restartedWith} changes it.
     */
    public static GatewayFixture startWithEnv(Map<String, String> extraEnv) {
        return startWith("", "", SINGLE_ATTEMPT, ADMIN_KEY, "", SimulatorOptions.defaults(), extraEnv);
    }

    /** Like {@link #startWithEnv(Map)}, with {@code routing} (routing and storage lines) instead of the default. */
    public static GatewayFixture startWithEnv(Map<String, String> extraEnv, String routing) {
        return startWith("", "", routing, ADMIN_KEY, "", SimulatorOptions.defaults(), extraEnv);
    }

    /** Like {@link #startWithEnv(Map, String)}, with {@code extraModels} as well. */
    public static GatewayFixture startWithEnv(Map<String, String> extraEnv, String extraModels, String routing) {
        return startWith("", extraModels, routing, ADMIN_KEY, "", SimulatorOptions.defaults(), extraEnv);
    }

    private static GatewayFixture startWith(
            String extraProviders,
            String extraModels,
            String routing,
            String adminKey,
            String serverLines,
            SimulatorOptions simulator) {
        return startWith(extraProviders, extraModels, routing, adminKey, serverLines, simulator, Map.of());
    }

    private static Function<String, String> env(Path home, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("MERIDIAN_HOME", home.toString());
        return env::get;
    }

    private static GatewayFixture startWith(
            String extraProviders,
            String extraModels,
            String routing,
            String adminKey,
            String serverLines,
            SimulatorOptions simulator,
            Map<String, String> extraEnv) {
        ProviderSimulator sim = ProviderSimulator.start(simulator);
        String url = sim.baseUrl();
        extraProviders = extraProviders.replace("SIM_URL", url);
        String yaml = FixtureYaml.render(url, serverLines, adminKey, extraProviders, extraModels, routing);
        try {
            Path file = Files.createTempFile("meridian-test", ".yaml");
            Files.writeString(file, yaml);
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            PrintStream quiet = new PrintStream(console, true, StandardCharsets.UTF_8);
            Path home = Files.createTempDirectory("meridian-home");
            MeridianServer server =
                    MeridianServer.start(new MeridianServer.Options(file, null, env(home, extraEnv), quiet));
            return new GatewayFixture(sim, server, file, home, console, extraEnv);
        } catch (IOException e) {
            sim.close();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops this gateway and starts a new one on the same configuration, MERIDIAN_HOME (database, journal) and
     * simulator: a restart. Close the returned fixture, not this one.
     */
    public GatewayFixture restarted() {
        return restartedWith(extraEnv);
    }

    /** Like {@link #restarted()}, with {@code env} (besides MERIDIAN_HOME) as the new gateway's environment. */
    public GatewayFixture restartedWith(Map<String, String> env) {
        server.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(out, true, StandardCharsets.UTF_8);
        MeridianServer again =
                MeridianServer.start(new MeridianServer.Options(configFile, null, env(home, env), quiet));
        return new GatewayFixture(simulator, again, configFile, home, out, env);
    }

    /** The configuration file this gateway started from (a test may rewrite it: the gateway reloads it). */
    public Path configFile() {
        return configFile;
    }

    public ProviderSimulator simulator() {
        return simulator;
    }

    public MeridianServer server() {
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The official OpenAI SDK pointed at the gateway: base URL and key are all that change. */
    public OpenAIClient openAi() {
        return openAi(KEY);
    }

    public OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl() + "/v1")
                .apiKey(key)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("authorization", "Bearer " + KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("authorization", "Bearer " + KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("authorization", "Bearer " + KEY)
                .GET()
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the gateway and the simulator, and fails if a known secret reached anything the gateway wrote: its
     * console, request log, journal and audit file.
     */
    @Override
    public void close() {
        server.close();
        simulator.close();
        List<String> leaks = new ArrayList<>(SecretScan.findIn("gateway console", console()));
        leaks.addAll(SecretScan.findUnder(home));
        try {
            Files.deleteIfExists(configFile);
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // Temp files; the OS cleans them up.
        }
        SecretScan.assertNone(leaks);
    }
}
