package dev.meridian.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 8: an upgrade without downtime, run with the previous release's jar and this build's on one
 * PostgreSQL. Three replicas of the previous release ({@code deploy/upgrade/previous-release}, built from this
 * repository's history before the integration tests) serve under load behind nginx; each is replaced by this build
 * in turn. The first new replica migrates the schema (V21, expand-only) while the others still run the previous
 * release, one of which is restarted on it against the migrated schema, and at the end one replica is rolled back.
 * No caller sees a failure, and every answered request is logged exactly once.
 */
class RollingUpgradeIT {

    private static final Path PREVIOUS =
            Path.of("target", "previous-release", "meridian.jar").toAbsolutePath();
    private static final Path CURRENT = Path.of("target", "meridian.jar").toAbsolutePath();
    private static final int WORKERS = 6;

    @TempDir
    Path root;

    @Test
    void replacingEachReplicaOfThePreviousRelease_underLoad_dropsNoRequest_andEitherJarRunsOnTheMigratedSchema()
            throws Exception {
        Properties previous = previousRelease();
        int previousSchema = Integer.parseInt(previous.getProperty("schema"));
        assertThat(PREVIOUS)
                .as("the previous release's jar, built by deploy/upgrade/build-previous-release.sh in the"
                        + " pre-integration-test phase (-Dprevious.release.skip=true leaves it out)")
                .isRegularFile();
        try (Cluster cluster = Cluster.start(root, 3, PREVIOUS)) {
            Ledger ledger = new Ledger(cluster.schema());
            // The database opens beside the start (a replica is ready before its migrations end).
            Poll.until(() -> ledger.schemaVersion() == previousSchema, "the previous release made its schema");
            Calls balanced = new Calls(cluster.balancer().baseUrl(), cluster.adminKey());
            // Above the plan's 6,000 requests a minute: an unthrottled minute of this load can exceed it.
            String tenant = balanced.admin(
                            "POST",
                            "/tenants",
                            "{\"name\":\"upgrade\",\"plan\":\"enterprise\","
                                    + "\"rate_limits\":{\"requests_per_minute\":1000000}}",
                            201)
                    .path("id")
                    .asText();
            String user = balanced.admin(
                            "POST",
                            "/tenants/" + tenant + "/users",
                            "{\"email\":\"dev@example.com\",\"name\":\"Dev\"}",
                            201)
                    .path("id")
                    .asText();
            // The user's key: its rows carry a user_id, so both builds write rows the new partial index holds.
            JsonNode key = balanced.admin(
                    "POST", "/tenants/" + tenant + "/keys", "{\"name\":\"load\",\"user_id\":\"" + user + "\"}", 201);
            Load load = Load.start(
                    cluster.balancer().baseUrl(),
                    key.path("secret").asText(),
                    WORKERS,
                    100_000,
                    Duration.ofSeconds(150),
                    false);
            Poll.until(() -> load.succeeded() >= 50, "the load runs on the previous release");

            replace(cluster.replica(0), CURRENT, load);
            Poll.until(
                    () -> ledger.schemaVersion() > previousSchema,
                    "the first replica of this build migrates the shared schema");
            replace(cluster.replica(1), PREVIOUS, load); // a replica of the previous release restarts mid-upgrade
            replace(cluster.replica(1), CURRENT, load);
            replace(cluster.replica(2), CURRENT, load);
            replace(cluster.replica(2), PREVIOUS, load); // and one is rolled back
            List<Load.Outcome> outcomes =
                    cluster.finishedWithNoneDropped(load, key.path("id").asText());
            JsonNode erased =
                    balanced.admin("POST", "/tenants/" + tenant + "/erasure", "{\"user_id\":\"" + user + "\"}", 200);
            assertThat(erased.path("requests_anonymised").asLong())
                    .as("the user's rows, written by both builds, found through the new index")
                    .isEqualTo(outcomes.size());
            System.out.printf(
                    "cluster: rolling upgrade %s -> this build and back on one replica: %d requests, none failed;"
                            + " schema %d -> %d%n",
                    previous.getProperty("commit").substring(0, 7),
                    outcomes.size(),
                    previousSchema,
                    ledger.schemaVersion());
        }
    }

    /** Stops {@code replica} (its drain), starts it on {@code jar}, and waits until it answers the load again. */
    private static void replace(Replica replica, Path jar, Load load) throws Exception {
        replica.stop();
        long before = load.answeredBy(replica);
        replica.runs(jar);
        replica.start();
        load.awaitAnswerFrom(replica, before);
    }

    private static Properties previousRelease() throws Exception {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("..", "deploy", "upgrade", "previous-release"))) {
            p.load(in);
        }
        return p;
    }
}
