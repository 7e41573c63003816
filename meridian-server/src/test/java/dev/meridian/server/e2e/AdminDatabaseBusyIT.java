package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An admin change while another process holds the SQLite database's write lock past the busy timeout is a 503
 * that says to retry, not a 500 with the driver's message; once the lock is gone the same change succeeds.
 */
class AdminDatabaseBusyIT {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.startWithAdminKey();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> createTenant(String name) {
        return gateway.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/admin/v1/tenants"))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + GatewayFixture.ADMIN_KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                .build());
    }

    @Test
    void aChangeWhileTheDatabaseIsLocked_is503WithRetryAfter_andSucceedsOnceItIsFree() throws Exception {
        assertThat(createTenant("before-locking").statusCode())
                .as("the database is open")
                .isEqualTo(201);
        HttpResponse<String> busy;
        String url = "jdbc:sqlite:" + gateway.home().resolve("meridian.db");
        try (Connection other = DriverManager.getConnection(url);
                Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            busy = createTenant("while-locked");
            s.execute("ROLLBACK");
        }

        assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
        assertThat(busy.headers().firstValue("retry-after")).hasValue("1");
        assertThat(busy.body())
                .contains("\"code\":\"database_unavailable\"")
                .contains("Retry shortly")
                .doesNotContainIgnoringCase("sqlite")
                .doesNotContainIgnoringCase("locked");
        HttpResponse<String> free = createTenant("while-locked");
        assertThat(free.statusCode()).as(free.body()).isEqualTo(201);
    }
}
