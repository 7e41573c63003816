package dev.meridian.server.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenWaitTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> Future<T> await(Future<T> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException failed) {
            // read through the future below
        }
        return f;
    }

    @Test
    void aDatabaseThatNeverOpens_failsWithTheGivenErrorAfterTheBound() throws Exception {
        Promise<String> opening = Promise.promise();
        long start = System.nanoTime();

        Future<String> waited =
                await(OpenWait.within(vertx, opening.future(), 200, () -> new IllegalStateException("not open yet")));

        assertThat(waited.failed()).isTrue();
        assertThat(waited.cause()).isInstanceOf(IllegalStateException.class).hasMessage("not open yet");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(190);
    }

    @Test
    void aDatabaseThatOpensInTime_isGiven_andAFailedOpenPassesItsCause() throws Exception {
        Promise<String> opening = Promise.promise();
        Future<String> waited = OpenWait.within(vertx, opening.future(), 10_000, () -> new AssertionError("timed out"));
        opening.complete("db");
        Promise<String> broken = Promise.promise();
        Future<String> refused = OpenWait.within(vertx, broken.future(), 10_000, () -> new AssertionError("timed out"));
        broken.fail(new IllegalArgumentException("schema too new"));

        assertThat(await(waited).result()).isEqualTo("db");
        assertThat(await(refused).cause()).hasMessage("schema too new");
        assertThat(OpenWait.within(vertx, Future.succeededFuture("open"), 1, () -> new AssertionError()))
                .as("an open database is given at once")
                .matches(f -> f.succeeded() && f.result().equals("open"));
    }
}
