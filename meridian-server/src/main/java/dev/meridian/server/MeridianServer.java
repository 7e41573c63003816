package dev.meridian.server;

import dev.meridian.server.auth.DatabaseAuthenticator;
import dev.meridian.server.auth.StaticKeyAuthenticator;
import dev.meridian.server.config.ConfigException;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.server.config.StartupKeys;
import dev.meridian.server.config.TlsConfig;
import dev.meridian.server.connection.ConnectionGuards;
import dev.meridian.server.connection.GuardedVertx;
import dev.meridian.server.http.GatewayVerticle;
import dev.meridian.server.metrics.GatewayMetrics;
import dev.meridian.server.routing.HealthCheckVerticle;
import dev.meridian.server.runtime.GatewayRuntime;
import dev.meridian.server.runtime.LiveConfig;
import dev.meridian.server.secrets.MasterKeys;
import dev.meridian.server.storage.GatewayStorage;
import dev.meridian.server.tls.BadTlsFile;
import dev.meridian.server.tls.CertificateReloader;
import dev.meridian.simulator.Simulator;
import dev.meridian.store.crypto.KeyRing;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the configuration resolved (file, embedded default, or demo with the built-in simulator),
 * one {@link GatewayVerticle} per event loop on the shared port, and a graceful {@link #close()}.
 */
public final class MeridianServer implements AutoCloseable {

    /**
     * How to start.
     *
     * @param configFile   the YAML file, or null for the embedded default
     * @param portOverride the port from the command line, or null (then MERIDIAN_PORT, then the file, then 8080)
     * @param hostOverride the address from the command line, or null (then MERIDIAN_HOST, then the file, then
     *                     0.0.0.0)
     * @param env          the environment (System::getenv in production)
     * @param console      where the start banner goes
     */
    public record Options(
            Path configFile,
            Integer portOverride,
            String hostOverride,
            Function<String, String> env,
            PrintStream console) {

        /** Without a host override. */
        public Options(Path configFile, Integer portOverride, Function<String, String> env, PrintStream console) {
            this(configFile, portOverride, null, env, console);
        }
    }

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(MeridianServer.class);

    private final Vertx vertx;
    private final GatewayRuntime runtime;
    private final Simulator simulator;
    private final List<GatewayVerticle> verticles;
    private final String deploymentId;
    private final CertificateReloader tls;

    private MeridianServer(
            Vertx vertx,
            GatewayRuntime runtime,
            Simulator simulator,
            List<GatewayVerticle> verticles,
            String deploymentId,
            CertificateReloader tls) {
        this.vertx = vertx;
        this.tls = tls;
        this.runtime = runtime;
        this.simulator = simulator;
        this.verticles = verticles;
        this.deploymentId = deploymentId;
    }

    private static final AtomicReference<CompletableFuture<Prepared>> PREPARED = new AtomicReference<>();

    /** What {@link #prepare()} builds ahead: a metrics registry and a Vert.x instance with one loop per core. */
    private record Prepared(GatewayMetrics metrics, GuardedVertx vertx) {}

    /**
     * Turns Netty's flight-recorder events off unless set ({@link NettyJfr}), and starts building what does not
     * depend on the configuration (logging, the metrics registry and its JVM
     * meters, a Vert.x instance with the default number of event loops) on a background thread, so it overlaps
     * with argument and configuration parsing: a few hundred milliseconds of start-up otherwise paid in
     * sequence. Optional: {@link #start} builds them itself when nothing was prepared or what was prepared
     * does not fit the configuration.
     */
    public static void prepare() {
        NettyJfr.offUnlessSet();
        CompletableFuture<Prepared> prepared = new CompletableFuture<>();
        if (!PREPARED.compareAndSet(null, prepared)) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        LoggerFactory.getLogger("meridian.access");
                        GatewayMetrics metrics = new GatewayMetrics();
                        prepared.complete(new Prepared(
                                metrics, newVertx(Runtime.getRuntime().availableProcessors())));
                    } catch (Throwable e) {
                        prepared.completeExceptionally(e);
                    }
                },
                "meridian-prepare");
        t.setDaemon(true);
        t.start();
    }

    /** What was prepared (at most once per process), or null. */
    private static Prepared takePrepared() {
        CompletableFuture<Prepared> prepared = PREPARED.getAndSet(null);
        if (prepared == null) {
            return null;
        }
        try {
            return prepared.join();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static GuardedVertx newVertx(int eventLoops) {
        return GuardedVertx.create(
                new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true));
    }

    /** Starts the gateway and returns once it listens; throws ConfigException for an invalid configuration. */
    public static MeridianServer start(Options options) {
        long t0 = System.nanoTime();
        NettyJfr.offUnlessSet();
        Function<String, String> env = options.env();
        StartSource source = StartSource.resolve(options.configFile(), env);
        Simulator simulator = source.simulator();
        MeridianConfig config = source.config();
        String mode = source.mode();
        StartOverrides overrides = StartOverrides.of(options, simulator == null ? null : simulator.baseUrl());
        config = overrides.apply(config);
        StartupKeys keys;
        KeyRing masterKeys;
        try {
            keys = StartupKeys.resolve(config, env);
            masterKeys = MasterKeys.fromEnvironment(env);
        } catch (ConfigException e) {
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
        int loops = config.server().eventLoops();
        Prepared prepared = takePrepared();
        GatewayMetrics metrics = prepared != null ? prepared.metrics() : new GatewayMetrics();
        // The journal opens now; the database opens on its own thread once the gateway listens.
        GatewayStorage storage =
                new GatewayStorage(config.storage(), GatewayStorage.home(env), metrics.registry(), masterKeys);
        GuardedVertx guarded;
        if (prepared != null && loops == Runtime.getRuntime().availableProcessors()) {
            guarded = prepared.vertx();
        } else {
            if (prepared != null) {
                prepared.vertx().vertx().close();
            }
            guarded = newVertx(loops);
        }
        guarded.guard(new ConnectionGuards(config.server(), metrics));
        Vertx vertx = guarded.vertx();
        DatabaseAuthenticator authenticator = new DatabaseAuthenticator(
                new StaticKeyAuthenticator(keys.callerKeys()), vertx, storage.database(), Clock.systemUTC());
        GatewayRuntime runtime = new GatewayRuntime(config, authenticator, metrics, keys.adminKey(), storage);
        runtime.startServices(vertx, authenticator);
        List<GatewayVerticle> verticles = new ArrayList<>();
        String deploymentId;
        CertificateReloader tls = null;
        try {
            tls = certificates(vertx, config.server().tls());
            CertificateReloader certificates = tls;
            deploymentId = vertx.deployVerticle(
                            () -> {
                                GatewayVerticle v = new GatewayVerticle(runtime, certificates);
                                synchronized (verticles) {
                                    verticles.add(v);
                                }
                                return v;
                            },
                            new DeploymentOptions().setInstances(loops))
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            storage.close();
            if (simulator != null) {
                simulator.close();
            }
            if (e instanceof ConfigException bad) {
                throw bad;
            }
            throw new IllegalStateException("the gateway could not start: " + e.getMessage(), e);
        }
        if (config.routing().healthChecks().enabled()) {
            try {
                vertx.deployVerticle(new HealthCheckVerticle(
                                runtime.routes(), config.routing().healthChecks()))
                        .await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("health checks could not start", e);
            }
        }
        runtime.ready(true);
        storage.open();
        MeridianServer server =
                new MeridianServer(vertx, runtime, simulator, List.copyOf(verticles), deploymentId, tls);
        // The database opens beside the start rather than before it (migrations take a second, readiness must
        // not): a database migrated by a newer Meridian, or holding values under a master key this process lacks.
        storage.database().onFailure(e -> {
            if (!(e instanceof dev.meridian.store.SchemaTooNewException)
                    && !(e instanceof dev.meridian.store.MasterKeyMissingException)) {
                return; // the gateway is stopping
            }
            LOG.error("storage: {} The gateway stops taking traffic.", e.getMessage());
            runtime.ready(false);
            server.fatal.tryComplete(e);
        });
        if (options.configFile() != null) {
            server.liveConfig = new LiveConfig(runtime, options.configFile(), env, overrides);
            server.liveConfig.watch(vertx, config.server().configWatchInterval());
            server.liveConfig.startStoredModels(vertx, authenticator);
        }
        String adminToken = AdminBootstrap.run(runtime, vertx, options.console());
        StartBanner.print(
                options.console(),
                server,
                mode,
                keys.generatedKey(),
                adminToken,
                Duration.ofNanos(System.nanoTime() - t0));
        return server;
    }

    private final Promise<Throwable> fatal = Promise.promise();
    private LiveConfig liveConfig;

    /** Reloads of the configuration file; null when the gateway did not start from one. */
    public LiveConfig liveConfig() {
        return liveConfig;
    }

    /** The listener's certificate, read now and then watched for rotation; null without {@code server.tls}. */
    private static CertificateReloader certificates(Vertx vertx, TlsConfig tls) {
        try {
            return tls.enabled()
                    ? CertificateReloader.start(
                            vertx, tls.certFile(), tls.keyFile(), tls.adminClientCa(), tls.reloadInterval())
                    : null;
        } catch (BadTlsFile e) {
            throw new ConfigException("server.tls." + e.setting() + ": " + e.getMessage());
        }
    }

    /**
     * Completes with the reason when the gateway must stop: its database was migrated by a newer Meridian.
     * Readiness is already false then; {@code serve} exits.
     */
    public Future<Throwable> fatal() {
        return fatal.future();
    }

    public int port() {
        return verticles.get(0).port();
    }

    public GatewayRuntime runtime() {
        return runtime;
    }

    /**
     * Stops gracefully: readiness turns false at once and the listener stays open while requests in flight
     * finish, up to the grace period, so probes and late requests get 503 rather than a refused connection; then
     * the listener closes, HTTP/1.1 connections after their response, HTTP/2 ones with GOAWAY, and what is still
     * running at the end of the grace period is cut. Blocks the calling thread (never an event loop).
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        Duration grace = runtime.config().server().shutdownGracePeriod();
        runtime.ready(false);
        LOG.info(
                "shutdown: {} request(s) in flight; readiness answers 503 while they finish, for up to {} ms",
                runtime.metrics().inFlight(),
                grace.toMillis());
        long deadline = start + grace.toNanos();
        while (runtime.metrics().inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // a drain lasts seconds; a 20 ms check costs nothing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int cut = runtime.metrics().inFlight();
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        verticles.forEach(v -> v.shutdownWithin(left));
        if (tls != null) {
            tls.close();
        }
        try {
            vertx.undeploy(deploymentId).await(left.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // Forced below.
        }
        try {
            // Sends under way are recorded if they finish in time; others are retried after their claim runs out.
            runtime.alerts().stop(Duration.ofSeconds(5)).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown: alert delivery did not stop cleanly: {}", e.toString());
        }
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // Nothing more to do at exit.
        }
        runtime.tracing().close(); // the spans of the last requests are sent
        runtime.storage().close();
        if (simulator != null) {
            simulator.close();
        }
        LOG.info(
                "shutdown: done in {} ms; {} request(s) cut at the end of the grace period",
                Duration.ofNanos(System.nanoTime() - start).toMillis(),
                cut);
    }
}
