package dev.meridian.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.json.Json;
import dev.meridian.testkit.Poll;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 1: three gateway processes behind nginx, one PostgreSQL, one Redis ({@link Cluster}), proven under
 * load: limits exact in total, a revocation seen everywhere within 2 s, admin changes applied by every replica, a
 * SIGKILL losing no accounting and no retrying caller's request, a rolling restart dropping nothing. One cluster
 * for all; every test leaves the three replicas running.
 */
class ClusterIT {

    private static final int WORKERS = 6;

    @TempDir
    static Path root;

    private static Cluster cluster;
    private static Calls balanced;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start(root, 3, Path.of("target", "meridian.jar").toAbsolutePath());
        balanced = new Calls(cluster.balancer().baseUrl(), cluster.adminKey());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Calls direct(Replica replica) {
        return new Calls(replica.baseUrl(), cluster.adminKey());
    }

    /**
     * {tenant id, key id, secret} of a new enterprise tenant's key. The tenant has no practical rate limit: an
     * unthrottled minute of the load can pass the plan's 6,000 requests on a fast machine.
     */
    private static String[] tenantWithKey(String name, String keyBody) {
        String tenant = balanced.admin(
                        "POST",
                        "/tenants",
                        "{\"name\":\"" + name + "\",\"plan\":\"enterprise\","
                                + "\"rate_limits\":{\"requests_per_minute\":1000000}}",
                        201)
                .path("id")
                .asText();
        JsonNode key = balanced.admin("POST", "/tenants/" + tenant + "/keys", keyBody, 201);
        return new String[] {tenant, key.path("id").asText(), key.path("secret").asText()};
    }

    private static String errorCode(HttpResponse<String> r) {
        return Json.parseTrusted(r.body()).path("error").path("code").asText();
    }

    @Test
    void aBudgetOf30Calls_admitsExactly30InTotal_throughThreeReplicasAtOnce_andTheLogHoldsExactlyItsSpend()
            throws Exception {
        int k = 30;
        String[] t = tenantWithKey("budget-exact", "{\"name\":\"app\"}");
        Calls first = direct(cluster.replica(0));
        String budget = first.admin(
                        "POST",
                        "/tenants/" + t[0] + "/budgets",
                        "{\"scope\":\"key\",\"scope_id\":\"" + t[1] + "\",\"period\":\"total\",\"limit_usd\":"
                                + k * Cluster.CALL_USD + "}",
                        201)
                .path("id")
                .asText();
        // A replica reloads all budgets when the store's change version moves: once it refuses a sentinel key
        // whose empty budget was created after this one, it enforces this one too (the sentinel spends, not t).
        // Both through one replica: a replica that creates a budget enforces it at once, and the others' budgets
        // only from its next reload (within a second), so a sentinel created elsewhere would prove nothing.
        JsonNode sentinel = first.admin("POST", "/tenants/" + t[0] + "/keys", "{\"name\":\"sentinel\"}", 201);
        first.admin(
                "POST",
                "/tenants/" + t[0] + "/budgets",
                "{\"scope\":\"key\",\"scope_id\":\"" + sentinel.path("id").asText()
                        + "\",\"period\":\"total\",\"limit_usd\":0}",
                201);
        for (Replica r : cluster.replicas()) {
            Poll.until(
                    () -> {
                        HttpResponse<String> a =
                                direct(r).chat(sentinel.path("secret").asText(), "priced");
                        return a.statusCode() == 429 && errorCode(a).equals("budget_exceeded");
                    },
                    "replica " + r.index() + " has loaded the budgets");
        }
        int served = 0;
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3 * k; i++) {
            calls.add(Calls.HTTP.sendAsync(
                    Calls.chatRequest(cluster.balancer().baseUrl(), t[2], "priced", null),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Map<String, Integer> servedBy = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            HttpResponse<String> r = c.join();
            if (r.statusCode() == 200) {
                served++;
                servedBy.merge(r.headers().firstValue("x-upstream").orElse("?"), 1, Integer::sum);
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(errorCode(r)).isEqualTo("budget_exceeded");
            }
        }
        assertThat(served)
                .as(
                        "calls served of a budget holding %d, by upstream %s; the replicas on limits: %s",
                        k, servedBy, cluster.logLines("limit"))
                .isEqualTo(k);

        BigDecimal limit = BigDecimal.valueOf(k * Cluster.CALL_USD).stripTrailingZeros();
        Ledger ledger = new Ledger(cluster.schema());
        Poll.within(() -> ledger.served(t[1]).calls() == k, Duration.ofSeconds(10), "every served call is logged");
        assertThat(ledger.served(t[1])).isEqualTo(new Ledger.Totals(k, limit));
        for (Replica r : cluster.replicas()) {
            Poll.until(
                    () -> {
                        JsonNode b = direct(r).admin("GET", "/tenants/" + t[0] + "/budgets/" + budget, null, 200);
                        return b.path("spent_usd").decimalValue().compareTo(limit) == 0
                                && b.path("reserved_usd").decimalValue().signum() == 0;
                    },
                    "replica " + r.index() + " reads the budget spent to its limit, nothing reserved");
        }
        System.out.printf(
                "cluster: budget of %d calls: %d served of %d sent at once, log spend $%s%n", k, served, 3 * k, limit);
    }

    @Test
    void aKeyAt60RequestsAMinute_admits60InTotal_throughTheBalancer() {
        String[] t = tenantWithKey("rate-exact", "{\"name\":\"sixty\",\"rate_limits\":{\"requests_per_minute\":60}}");
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            burst.add(Calls.HTTP.sendAsync(
                    Calls.chatRequest(cluster.balancer().baseUrl(), t[2], "priced", null),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int admitted = 0;
        for (CompletableFuture<HttpResponse<String>> c : burst) {
            HttpResponse<String> r = c.join();
            if (r.statusCode() == 200) {
                admitted++;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                assertThat(errorCode(r)).isEqualTo("rate_limit_exceeded");
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;
        // A bucket of 60 refills one request a second: 60 at once, plus what came back while the burst ran.
        assertThat(admitted).as("admitted in %d s", seconds).isBetween(60, 60 + (int) seconds + 1);
        System.out.printf("cluster: 60 rpm key: %d of 150 admitted in %d s%n", admitted, seconds);
    }

    @Test
    void aKeyRevokedThroughOneReplica_isRefusedByEveryReplicaWithin2Seconds_underLoad() throws Exception {
        String[] loaded = tenantWithKey("revoke-load", "{\"name\":\"load\"}");
        String[] t = tenantWithKey("revoke", "{\"name\":\"doomed\"}");
        for (Replica r : cluster.replicas()) {
            Poll.until(() -> direct(r).chat(t[2], "priced").statusCode() == 200, "the key works on " + r.index());
        }
        Load load =
                Load.start(cluster.balancer().baseUrl(), loaded[2], WORKERS, 100_000, Duration.ofSeconds(30), false);
        Poll.until(() -> load.succeeded() >= 50, "the load runs");

        direct(cluster.replica(0)).admin("POST", "/tenants/" + t[0] + "/keys/" + t[1] + "/revoke", null, 200);
        long revokedAt = System.nanoTime();
        List<Long> seenMillis = new ArrayList<>();
        for (Replica r : cluster.replicas()) {
            Poll.until(() -> direct(r).chat(t[2], "priced").statusCode() == 401, "replica " + r.index() + " refuses");
            seenMillis.add(Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
        }
        List<Load.Outcome> outcomes = load.finish();

        assertThat(seenMillis.get(seenMillis.size() - 1))
                .as("ms until each replica refused")
                .isLessThan(2000);
        assertThat(outcomes)
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));
        System.out.printf(
                "cluster: revocation refused by replicas 0,1,2 after %s ms (load: %d calls)%n",
                seenMillis, outcomes.size());
    }

    @Test
    void changesThroughTheAdminApiOfOneReplica_areAppliedByEveryReplica_underLoad() throws Exception {
        String[] loaded = tenantWithKey("changes-load", "{\"name\":\"load\"}");
        Load load =
                Load.start(cluster.balancer().baseUrl(), loaded[2], WORKERS, 100_000, Duration.ofSeconds(30), false);
        Calls first = direct(cluster.replica(0));
        for (ConfigChange change : ConfigChange.all()) {
            String secret = change.prepare(first);
            for (Replica r : cluster.replicas()) {
                Poll.until(
                        () -> {
                            HttpResponse<String> a = direct(r).chat(secret, change.model());
                            return a.statusCode() == 200 && !change.applied(a);
                        },
                        "replica " + r.index() + " serves the caller before: " + change.name());
            }
            change.apply(first);
            long appliedAt = System.nanoTime();
            List<Long> seenMillis = new ArrayList<>();
            for (Replica r : cluster.replicas()) {
                Poll.until(
                        () -> change.applied(direct(r).chat(secret, change.model())),
                        "replica " + r.index() + " applies " + change.name());
                seenMillis.add(Duration.ofNanos(System.nanoTime() - appliedAt).toMillis());
            }
            System.out.printf("cluster: %s applied by replicas 0,1,2 after %s ms%n", change.name(), seenMillis);
        }
        List<Load.Outcome> outcomes = load.finish();
        assertThat(outcomes)
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));
    }

    @Test
    void sigkillOfOneReplicaUnderLoad_losesNoAccounting_andCallersThatRetryOnceSeeNoFailure() throws Exception {
        String[] t = tenantWithKey("sigkill", "{\"name\":\"load\"}");
        Load load = Load.start(cluster.balancer().baseUrl(), t[2], WORKERS, 100_000, Duration.ofSeconds(40), true);
        Poll.until(() -> load.succeeded() >= 150, Duration.ofSeconds(20), "the load runs");
        Replica victim = cluster.replica(1);
        victim.kill();
        int atKill = load.succeeded();
        Poll.until(() -> load.succeeded() >= atKill + 300, Duration.ofSeconds(30), "the load goes on without it");
        List<Load.Outcome> outcomes = load.finish();

        assertThat(outcomes)
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.upstream()).isNotNull());
        List<String> ids = outcomes.stream().map(Load.Outcome::requestId).toList();
        List<String> survivors = outcomes.stream()
                .filter(o -> !o.answeredBy(victim))
                .map(Load.Outcome::requestId)
                .toList();
        Ledger ledger = new Ledger(cluster.schema());
        Poll.until(
                () -> ledger.rowsPerRequestId(survivors).size() == survivors.size(),
                Duration.ofSeconds(20),
                "the surviving replicas logged what they answered");
        long waiting = ids.size() - ledger.rowsPerRequestId(ids).size();
        victim.start();
        Poll.until(
                () -> ledger.rowsPerRequestId(ids).size() == ids.size(),
                Duration.ofSeconds(20),
                "every answered request is in the log, the killed replica's journal replayed");
        Map<String, Integer> rows = ledger.rowsPerRequestId(ids);
        assertThat(rows.values()).as("rows per answered request").containsOnly(1);
        Ledger.Totals totals = ledger.served(t[1]);
        long servedTwice = totals.calls() - ids.size();
        assertThat(servedTwice)
                .as("calls the killed replica completed but could not deliver (at most one per worker)")
                .isBetween(0L, (long) WORKERS);
        assertThat(totals.costUsd())
                .isEqualByComparingTo(
                        BigDecimal.valueOf(Cluster.CALL_USD).multiply(BigDecimal.valueOf(totals.calls())));
        long retried = outcomes.stream().filter(o -> o.sends() > 1).count();
        System.out.printf(
                "cluster: SIGKILL under load: %d answered (%d after a client retry), all logged once, %d of them"
                        + " from the killed replica's journal at its restart; %d more logged (served by the killed"
                        + " replica, not delivered)%n",
                ids.size(), retried, waiting, servedTwice);
    }

    @Test
    void aRollingRestartOfTheThreeReplicas_dropsNoRequest() throws Exception {
        String[] t = tenantWithKey("rolling", "{\"name\":\"load\"}");
        Load load = Load.start(cluster.balancer().baseUrl(), t[2], WORKERS, 100_000, Duration.ofSeconds(90), false);
        Poll.until(() -> load.succeeded() >= 50, "the load runs");
        for (Replica r : cluster.replicas()) {
            r.stop();
            long before = load.answeredBy(r);
            r.start();
            load.awaitAnswerFrom(r, before);
        }
        List<Load.Outcome> outcomes = cluster.finishedWithNoneDropped(load, t[1]);
        String done = cluster.logLines("request(s) cut");
        assertThat(done.lines().filter(l -> !l.isBlank()))
                .as("each replica's drain ended with nothing cut: %s", done)
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("; 0 request(s) cut"));
        System.out.printf(
                "cluster: rolling restart of 3 replicas under load: %d requests, none failed; drains:%s%s%n",
                outcomes.size(), cluster.logLines("in flight"), done);
    }
}
