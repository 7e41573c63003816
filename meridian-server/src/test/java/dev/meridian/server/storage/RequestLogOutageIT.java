package dev.meridian.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.e2e.GatewayFixture;
import dev.meridian.server.e2e.PostgresSchema;
import dev.meridian.testkit.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database outage is not a gateway outage, and the request log loses nothing: PostgreSQL (behind a relay the
 * test can cut) goes away in the middle of a load run and comes back; every request answered meanwhile is in
 * the request log exactly once afterwards.
 */
class RequestLogOutageIT {

    private PostgresSchema schema;
    private TcpRelay relay;
    private GatewayFixture gateway;

    @BeforeEach
    void start() throws Exception {
        schema = PostgresSchema.create("t_outage");
        relay = new TcpRelay(5432);
        gateway = GatewayFixture.startWith(
                "", "", GatewayFixture.SINGLE_ATTEMPT + schema.storageYaml(relay.port()) + """
                  requestLog:
                    flushInterval: 50ms
                """);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        relay.close();
        schema.close();
    }

    @Test
    void databaseGoesAwayMidLoad_gatewayKeepsServing_andEveryAnsweredRequestIsLoggedExactlyOnce() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> answered = new ArrayList<>();
        awaitLogged(0, Duration.ofSeconds(10)); // the schema is migrated and the writer attached

        answered.addAll(burst(http, 100));
        relay.cut();
        answered.addAll(burst(http, 200));
        HttpResponse<String> ready = gateway.get("/health/ready");
        relay.restore();
        answered.addAll(burst(http, 100));

        assertThat(ready.statusCode()).as("ready while the database is down").isEqualTo(200);
        assertThat(answered).hasSize(400).doesNotHaveDuplicates();
        Map<String, Integer> logged = awaitLogged(answered.size(), Duration.ofSeconds(30));
        assertThat(logged.keySet()).containsExactlyInAnyOrderElementsOf(answered);
        assertThat(logged.values()).containsOnly(1);
    }

    @Test
    void aRequestCarryingANulCharacter_isLogged_andDoesNotBlockTheLogForOthers() throws Exception {
        awaitLogged(0, Duration.ofSeconds(10));
        HttpResponse<String> odd = gateway.post(
                "/v1/chat/completions",
                "{\"model\":\"gpt\\u0000evil\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        List<String> after = burst(HttpClient.newHttpClient(), 8);

        assertThat(odd.statusCode()).isEqualTo(404);
        Map<String, Integer> logged = awaitLogged(9, Duration.ofSeconds(10));
        assertThat(logged)
                .containsKeys(after.toArray(String[]::new))
                .containsKey(odd.headers().firstValue("x-request-id").orElseThrow());
    }

    /** Sends n chat requests, 8 at a time; returns the request ids of the 200 answers (all must be 200). */
    private List<String> burst(HttpClient http, int n) {
        List<String> ids = new ArrayList<>();
        for (int done = 0; done < n; done += 8) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8 && done + i < n; i++) {
                calls.add(http.sendAsync(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                                .header("authorization", "Bearer " + GatewayFixture.KEY)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.join();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                ids.add(r.headers().firstValue("x-request-id").orElseThrow());
            }
        }
        return ids;
    }

    /** request id → rows, once the table is there and at least {@code expected} request ids are in it. */
    private Map<String, Integer> awaitLogged(int expected, Duration timeout) throws SQLException {
        try (Connection c = PostgresSchema.connect()) {
            AtomicReference<Map<String, Integer>> logged = new AtomicReference<>();
            Poll.until(
                    () -> {
                        logged.set(loggedRows(c));
                        return logged.get() != null && logged.get().size() >= expected;
                    },
                    timeout,
                    "the request log is migrated and holds at least " + expected + " request ids");
            return logged.get();
        }
    }

    /** request id → rows, or null while the request log table does not exist yet. */
    private Map<String, Integer> loggedRows(Connection c) {
        Map<String, Integer> rows = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet t = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + schema.name() + "' AND table_name = 'request_log'")) {
                t.next();
                if (t.getInt(1) != 1) {
                    return null;
                }
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT request_id, count(*) FROM " + schema.name() + ".request_log GROUP BY request_id")) {
                while (r.next()) {
                    rows.put(r.getString(1), r.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
