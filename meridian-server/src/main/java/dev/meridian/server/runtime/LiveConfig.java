package dev.meridian.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.server.config.ConfigException;
import dev.meridian.server.config.ConfigLoader;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.server.config.ReloadStatus.Outcome;
import dev.meridian.server.config.ReloadStatus.Reload;
import dev.meridian.server.config.RestartOnlyKeys;
import dev.meridian.server.routing.RouteTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the configuration file while the gateway serves: on SIGHUP ({@link HangUp}) and when the file's
 * content changes on disk ({@link #watch}). A reload reads and validates the file exactly as {@code config check}
 * does (every problem at once), refuses it whole when it is invalid or changes a key read only at start
 * ({@link RestartOnlyKeys}), and otherwise puts the new model groups, providers and prices in force at once
 * ({@link RouteTable#swap}): requests already routed finish on what they hold. Every outcome is logged, counted in
 * {@code meridian_config_reloads_total{outcome}} and shown by {@code GET /admin/v1/config}. Thread-safe; one
 * reload at a time, always off the event loops.
 */
public final class LiveConfig {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);

    private final GatewayRuntime runtime;
    private final Path file;
    private final Function<String, String> env;
    private final UnaryOperator<MeridianConfig> asStarted;
    private final MeterRegistry registry;
    private final Clock clock;
    /** The hash of the file as last read by a reload (or at start), and a new one seen once by the watch. */
    private String seen;

    private String pending;
    /** The model groups set through the admin API, laid over the file's ({@link StoredModels}). */
    private volatile Map<String, JsonNode> stored = Map.of();

    /**
     * @param asStarted what the start did to the file's configuration (the command line's port and address, the
     *                  demo simulator's address), done to every reloaded one too
     */
    public LiveConfig(
            GatewayRuntime runtime, Path file, Function<String, String> env, UnaryOperator<MeridianConfig> asStarted) {
        this.runtime = runtime;
        this.file = file;
        this.env = env;
        this.asStarted = asStarted;
        this.registry = runtime.metrics().registry();
        this.clock = Clock.systemUTC();
        this.seen = hashOrNull();
        runtime.reloadStatus().source(file.toString(), seen);
        for (Outcome o : Outcome.values()) {
            counter(o); // every outcome shows from the start, at 0
        }
    }

    /**
     * Reads the file and puts it in force if it is valid and changes only what a reload may change; blocking.
     *
     * @param trigger what asked: {@code sighup}, {@code file} or {@code admin}
     */
    public synchronized Reload reload(String trigger) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return finish(
                    trigger, Outcome.REFUSED, null, List.of("configuration file " + file + " cannot be read: " + e));
        }
        String sha = sha256(text);
        seen = sha;
        pending = null;
        MeridianConfig next;
        try {
            next = asStarted.apply(ConfigLoader.parse(text, stored, env));
        } catch (ConfigException e) {
            return finish(trigger, Outcome.REFUSED, sha, e.problems());
        }
        MeridianConfig running = runtime.config();
        List<String> restartOnly = RestartOnlyKeys.changed(running, next);
        if (!restartOnly.isEmpty()) {
            return finish(trigger, Outcome.REFUSED, sha, restartOnly);
        }
        if (next.equals(running)) {
            return finish(trigger, Outcome.UNCHANGED, sha, List.of());
        }
        RouteTable.Swap swap = runtime.routes().swap(next, runtime.credentials()::prepare);
        runtime.config(next);
        LOG.info(
                "configuration reloaded ({}): {} model group(s), {} provider(s); groups added {}, removed {};"
                        + " providers replaced or removed {} (their requests under way finish first)",
                trigger,
                next.models().size(),
                next.providers().size(),
                swap.groupsAdded(),
                swap.groupsRemoved(),
                swap.providersRetired().stream().map(p -> p.name()).toList());
        return finish(trigger, Outcome.APPLIED, sha, List.of());
    }

    /** The admin API's model groups in force. */
    Map<String, JsonNode> stored() {
        return stored;
    }

    /** Lays {@code models} (the admin API's groups, as stored) over the file and reloads; blocking. */
    synchronized Reload apply(Map<String, JsonNode> models) {
        stored = Map.copyOf(models);
        return reload("admin");
    }

    /**
     * Every problem of the configuration the file and {@code models} would make, or of what it would change that
     * only a restart can; empty when it could be put in force. Changes nothing; blocking.
     */
    synchronized List<String> problemsWith(Map<String, JsonNode> models) {
        try {
            MeridianConfig next = asStarted.apply(ConfigLoader.parse(Files.readString(file), models, env));
            return RestartOnlyKeys.changed(runtime.config(), next);
        } catch (ConfigException e) {
            return e.problems();
        } catch (IOException e) {
            return List.of("configuration file " + file + " cannot be read: " + e);
        }
    }

    private Reload finish(String trigger, Outcome outcome, String sha, List<String> problems) {
        Reload reload = new Reload(clock.instant(), trigger, outcome, sha, problems);
        runtime.reloadStatus().record(reload);
        counter(outcome).increment();
        if (outcome == Outcome.REFUSED) {
            LOG.error(
                    "configuration reload ({}) refused; the configuration in force stays. {}",
                    trigger,
                    new ConfigException(problems).getMessage());
        } else if (outcome == Outcome.UNCHANGED) {
            LOG.info("configuration reload ({}): nothing a reload applies has changed", trigger);
        }
        return reload;
    }

    /**
     * Starts laying the model groups set through the admin API over the file (read now and after every store
     * change), and makes them reachable from the admin API.
     */
    public void startStoredModels(Vertx vertx, dev.meridian.server.auth.DatabaseAuthenticator keys) {
        StoredModels models = new StoredModels(this, runtime.storage().database());
        runtime.configControl().models(models);
        models.start(vertx, keys);
    }

    /**
     * Checks the file's content every {@code every} (never when zero) on a worker thread and reloads once a new content has stayed
     * the same for one more check (an editor or a config-map update writing in steps is read once, whole).
     */
    public void watch(Vertx vertx, Duration every) {
        if (every.isZero()) {
            return;
        }
        vertx.setPeriodic(
                every.toMillis(),
                id -> vertx.executeBlocking(
                                () -> {
                                    poll();
                                    return null;
                                },
                                false)
                        .onFailure(e ->
                                LOG.warn("the configuration file could not be checked for changes: {}", e.toString())));
    }

    private synchronized void poll() {
        String now = hashOrNull();
        if (now == null || now.equals(seen)) {
            pending = null;
            return;
        }
        if (now.equals(pending)) {
            reload("file");
        } else {
            pending = now;
        }
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder("meridian_config_reloads")
                .description("Configuration reloads by outcome: applied, unchanged, refused")
                .tag("outcome", outcome.label())
                .register(registry);
    }

    private String hashOrNull() {
        try {
            return sha256(Files.readString(file));
        } catch (IOException e) {
            return null; // between a delete and a write: the next check sees the new file
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
