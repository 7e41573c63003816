package dev.meridian.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The tests' one way to wait for something: poll a condition until it holds, or fail saying what never happened. */
public final class Poll {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final long INTERVAL_MILLIS = 10;

    private Poll() {}

    /** Waits up to 10 s for {@code condition}; fails with an AssertionError naming {@code what} otherwise. */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, DEFAULT_TIMEOUT, what);
    }

    /** Waits up to {@code timeout} for {@code condition}; fails with an AssertionError naming {@code what}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        if (!within(condition, timeout, what)) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
        }
    }

    /**
     * Waits up to {@code timeout} for {@code condition} and says whether it came to hold, without failing when it
     * did not: for a wait whose timeout is a limit rather than an error ("run the load until 300 requests are
     * answered, 20 s at most"); the caller asserts what it needs afterwards.
     */
    public static boolean within(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
        return true;
    }
}
