package dev.meridian.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.GatewayFixture;
import dev.meridian.server.e2e.PostgresSchema;
import dev.meridian.server.limits.redis.TestRedis;
import dev.meridian.simulator.ProviderSimulator;
import dev.meridian.simulator.SimulatorOptions;
import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.Poll;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A local multi-replica deployment: N gateway processes (the real jar) on one machine, one fresh PostgreSQL schema,
 * the Redis at 127.0.0.1:6379 under a key prefix of its own, the provider simulator in this JVM as their one
 * provider, and nginx in front ({@link Balancer}). Used by {@code ClusterIT} and, through {@link ClusterMain}, by
 * {@code bench/cluster.sh}. Every replica has the same configuration but its own port and {@code MERIDIAN_HOME}.
 *
 * <p>Models: {@code priced} costs exactly $0.001 per call at {@code max_tokens: 1} (input free, output $1,000 per
 * million tokens, and the simulator's reply is cut to the one token), so a call's reservation equals its real
 * cost and a budget of K × $0.001 holds exactly K calls; {@code cheap} is the same upstream model at $0. The
 * request log is written every 2 s.
 */
public final class Cluster implements AutoCloseable {

    /** The cost of one {@code priced} call at {@code max_tokens: 1}. */
    public static final double CALL_USD = 0.001;

    private final Path root;
    private final Vertx vertx = Vertx.vertx();
    private final List<Replica> replicas = new ArrayList<>();
    private TestRedis redis;
    private PostgresSchema schema;
    private ProviderSimulator simulator;
    private Balancer balancer;

    private Cluster(Path root) {
        this.root = root;
    }

    /** Starts {@code size} replicas (in parallel) and the balancer; fails naming what is missing. */
    public static Cluster start(Path root, int size, Path jar) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: it is built by `./mvnw package` (the failsafe phase has it)");
        }
        Balancer.nginx();
        Cluster cluster = new Cluster(root);
        try {
            cluster.redis = new TestRedis(cluster.vertx);
            cluster.schema = PostgresSchema.create("t_cluster");
            cluster.simulator =
                    ProviderSimulator.start(SimulatorOptions.defaults().instances(2));
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int port = freePort();
                ports.add(port);
                Path home = Files.createDirectories(root.resolve("replica-" + i));
                Path config = home.resolve("meridian.yaml");
                Files.writeString(config, cluster.config(port));
                cluster.replicas.add(new Replica(i, port, home, config, jar));
            }
            for (Replica r : cluster.replicas) {
                r.launch();
            }
            for (Replica r : cluster.replicas) {
                r.awaitReady();
            }
            cluster.balancer = Balancer.start(root.resolve("nginx"), freePort(), ports);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** The one configuration every replica runs, on its own port. */
    private String config(int port) {
        return """
                server: {port: %d, eventLoops: 2, accessLog: false, shutdownGracePeriod: 10s}
                auth:
                  adminKey: %s
                providers:
                  sim: {type: openai, baseUrl: %s/v1, apiKey: sim}
                models:
                  priced:
                    provider: sim
                    model: gpt-4o-mini
                    price: {input: 0, output: 1000, cachedInput: 0}
                  cheap:
                    provider: sim
                    model: gpt-4o-mini
                    price: {input: 0, output: 0, cachedInput: 0}
                redis:
                  url: %s
                  keyPrefix: "%s"
                """.formatted(port, KnownSecrets.ADMIN_KEY, simulator.baseUrl(), TestRedis.URL, redis.prefix())
                + GatewayFixture.SINGLE_ATTEMPT
                + schema.storageYaml(5432)
                // Records wait in the journal up to 2 s (200 ms by default), so a replica killed under load always
                // leaves some there for its restart to replay.
                + "  requestLog: {flushInterval: 2s}\n";
    }

    public Balancer balancer() {
        return balancer;
    }

    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    public Replica replica(int index) {
        return replicas.get(index);
    }

    /** The PostgreSQL schema all replicas share (its {@code request_log} is the accounting). */
    public String schema() {
        return schema.name();
    }

    public String adminKey() {
        return KnownSecrets.ADMIN_KEY;
    }

    /**
     * Ends {@code load} and holds that it dropped nothing: every request answered 200 at its first send, and each is
     * logged once under {@code keyId} (within 20 s). The outcomes, for more checks.
     */
    public List<Load.Outcome> finishedWithNoneDropped(Load load, String keyId) throws InterruptedException {
        List<Load.Outcome> outcomes = load.finish();
        assertThat(outcomes)
                .as("%s", logs())
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.sends()).isEqualTo(1));
        Poll.until(
                () -> new Ledger(schema()).served(keyId).calls() == outcomes.size(),
                Duration.ofSeconds(20),
                "every answered request is logged once");
        return outcomes;
    }

    public Path root() {
        return root;
    }

    /** What every replica printed, and nginx's error log: for a failing assertion's message. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        for (Replica r : replicas) {
            String text = r.output();
            out.append("\n--- replica ").append(r.index()).append(" (last 3000 chars)\n");
            out.append(text.substring(Math.max(0, text.length() - 3000)));
        }
        String nginx = balancer == null ? "" : balancer.log();
        out.append("\n--- nginx error.log (last 3000 chars)\n")
                .append(nginx.substring(Math.max(0, nginx.length() - 3000)));
        return out.toString();
    }

    /** The replicas' output lines that contain {@code needle} (case-insensitive), each prefixed with its replica. */
    public String logLines(String needle) {
        StringBuilder out = new StringBuilder();
        for (Replica r : replicas) {
            r.output()
                    .lines()
                    .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains(needle))
                    .forEach(l -> out.append("\n  replica ")
                            .append(r.index())
                            .append(": ")
                            .append(l));
        }
        return out.toString();
    }

    @Override
    public void close() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        for (Replica r : replicas) {
            r.destroy();
        }
        if (simulator != null) {
            simulator.close();
        }
        try {
            if (schema != null) {
                schema.close();
            }
        } catch (SQLException e) {
            throw new AssertionError("the cluster's schema could not be dropped: " + e, e);
        } finally {
            if (redis != null) {
                redis.deleteKeys();
                redis.close();
            }
            vertx.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
