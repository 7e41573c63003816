package dev.meridian.server.limits;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** The limit store contract on the in-process counters. */
class LocalLimitsTest extends LimitStoreContract {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Override
    protected LimitStore store(Seeder seeder) {
        return new LocalLimits(vertx, seeder, Clock.systemUTC());
    }
}
