package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.limits.redis.TestRedis;
import dev.meridian.testkit.Poll;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one PostgreSQL schema and the Redis at 127.0.0.1:6379: a change made through one replica's admin
 * API reaches the other over the {@code <prefix>store-change} channel, well inside the once-a-second poll, and the
 * other's {@code meridian_store_change_messages_total} says the change's message arrived.
 * With Redis unreachable, the poll still applies it.
 */
class StoreChangeBroadcastIT {

    /**
     * Far below the poll's second, yet room for a slow two-core machine to deliver the message, run the poll it causes
     * and the reload behind it (measured over ten runs on a two-core machine, two of them pinned to one core: a
     * revocation seen in 7 to 50 ms, a budget in 9 to 48 ms; the poll alone took 32 to 624 ms, so the time alone
     * proves nothing without the message's count).
     */
    private static final Duration AT_ONCE = Duration.ofMillis(300);

    /** Messages read, whatever their poll found: "unchanged" too, when the 1 s poll happened to get there first. */
    private static final Pattern RECEIVED =
            Pattern.compile("meridian_store_change_messages_total\\{result=\"(?:changed|unchanged)\"[^}]*} ([0-9.E]+)");

    private final Vertx vertx = Vertx.vertx();
    private final TestRedis redis = new TestRedis(vertx);
    private PostgresSchema schema;
    private GatewayFixture first;
    private GatewayFixture second;
    /** The first replica's admin API, through which every change is made. */
    private AdminClient admin;

    private void start(String redisUrl) throws SQLException {
        schema = PostgresSchema.create("t_broadcast");
        String sections = GatewayFixture.SINGLE_ATTEMPT
                + schema.storageYaml(5432)
                + "redis:\n  url: " + redisUrl + "\n  keyPrefix: \"" + redis.prefix() + "\"\n  timeout: 200ms\n";
        first = GatewayFixture.startWith("", "", sections, GatewayFixture.ADMIN_KEY);
        second = GatewayFixture.startWith("", "", sections, GatewayFixture.ADMIN_KEY);
        admin = new AdminClient(first, GatewayFixture.ADMIN_KEY);
    }

    @AfterEach
    void stop() throws SQLException {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (schema != null) {
            schema.close();
        }
        redis.close();
        vertx.close();
    }

    private int chatOnTheSecond(String key) {
        return new AdminClient(second, GatewayFixture.ADMIN_KEY)
                .chat(key, "gpt")
                .status();
    }

    /** Messages {@code gateway} received and read the change version for. */
    private static double messagesReceived(GatewayFixture gateway) {
        Matcher m = RECEIVED.matcher(gateway.get("/metrics").body());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /**
     * The second replica received the change's message ({@code before}: the count before it was made). Together
     * with a change seen well within the poll's second, that shows the message brought it. Its poll may rarely
     * have got there a moment earlier and counted it "unchanged", which is as correct.
     */
    private void theMessageArrived(double before) {
        Poll.until(
                () -> messagesReceived(second) > before,
                Duration.ofSeconds(2),
                "the other replica receives the change's message");
    }

    /**
     * Starts both replicas on {@code redisUrl} with a tenant whose key works on the second; returns the tenant's id,
     * the key's id and its secret.
     */
    private String[] startWithAKeyWorkingOnTheSecond(String redisUrl) throws SQLException {
        start(redisUrl);
        String tenant = admin.tenantOnceOpen("acme", "enterprise");
        AdminClient.Answer key = admin.post("/tenants/" + tenant + "/keys", "{\"name\":\"app\"}");
        String secret = key.text("secret");
        Poll.until(() -> chatOnTheSecond(secret) == 200, "the key works on the other replica");
        return new String[] {tenant, key.text("id"), secret};
    }

    @Test
    void aKeyRevokedThroughOneReplica_isRefusedByTheOtherAtOnce_becauseOfTheMessage() throws Exception {
        String[] key = startWithAKeyWorkingOnTheSecond(TestRedis.URL);
        double before = messagesReceived(second);

        assertThat(admin.post("/tenants/" + key[0] + "/keys/" + key[1] + "/revoke", null)
                        .status())
                .isEqualTo(200);
        long revokedAt = System.nanoTime();
        Poll.until(() -> chatOnTheSecond(key[2]) == 401, "the revoked key is refused by the other replica");
        Duration seenIn = Duration.ofNanos(System.nanoTime() - revokedAt);

        assertThat(seenIn).isLessThan(AT_ONCE);
        theMessageArrived(before);
    }

    @Test
    void aBudgetCreatedThroughOneReplica_isEnforcedByTheOtherAtOnce() throws Exception {
        String[] key = startWithAKeyWorkingOnTheSecond(TestRedis.URL);
        double before = messagesReceived(second);

        AdminClient.Answer budget = admin.post(
                "/tenants/" + key[0] + "/budgets",
                "{\"scope\":\"tenant\",\"period\":\"month\",\"limit_usd\":0.000001}");
        assertThat(budget.status()).as(budget.toString()).isEqualTo(201);
        long createdAt = System.nanoTime();
        Poll.until(() -> chatOnTheSecond(key[2]) == 429, "the other replica refuses what the new budget cannot hold");

        assertThat(Duration.ofNanos(System.nanoTime() - createdAt)).isLessThan(AT_ONCE);
        theMessageArrived(before);
    }

    @Test
    void redisUnreachable_theOnceASecondPollStillAppliesARevocation() throws Exception {
        String[] key = startWithAKeyWorkingOnTheSecond("redis://127.0.0.1:1");

        assertThat(admin.post("/tenants/" + key[0] + "/keys/" + key[1] + "/revoke", null)
                        .status())
                .isEqualTo(200);
        long revokedAt = System.nanoTime();
        Poll.until(() -> chatOnTheSecond(key[2]) == 401, "the revoked key is refused by the other replica");

        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(3));
        assertThat(messagesReceived(second)).isZero();
    }
}
