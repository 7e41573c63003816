package dev.meridian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadKindTest {

    @Test
    void theGatewaysThreadsAreToldApartByTheNamesTheKernelKeeps() {
        // As /proc/PID/task/*/stat shows them: at most 15 characters.
        assertThat(ThreadKind.of("vert.x-eventloo")).isEqualTo(ThreadKind.EVENT_LOOPS);
        assertThat(ThreadKind.of("meridian-reques")).isEqualTo(ThreadKind.REQUEST_LOG);
        assertThat(ThreadKind.of("meridian-log-ac")).isEqualTo(ThreadKind.ACCESS_LOG);
        assertThat(ThreadKind.of("C2 CompilerThre")).isEqualTo(ThreadKind.JIT);
        assertThat(ThreadKind.of("C1 CompilerThre")).isEqualTo(ThreadKind.JIT);
        assertThat(ThreadKind.of("VM Thread")).isEqualTo(ThreadKind.VM);
        assertThat(ThreadKind.of("GC Thread#0")).isEqualTo(ThreadKind.VM);
        assertThat(ThreadKind.of("vertx-blocked-t")).isEqualTo(ThreadKind.OTHER);
        assertThat(ThreadKind.of("vert.x-worker-t")).isEqualTo(ThreadKind.OTHER);
    }

    @Test
    void aLiveJvmsTicksAreReadFromProcAndNeverGoBackwards() {
        long self = ProcessHandle.current().pid();
        Map<ThreadKind, Long> before = ThreadKind.ticksOf(self);
        long spin = System.nanoTime() + 100_000_000L;
        long sum = 0;
        while (System.nanoTime() < spin) {
            sum += Long.numberOfTrailingZeros(System.nanoTime());
        }
        Map<ThreadKind, Long> spent = ThreadKind.minus(ThreadKind.ticksOf(self), before);

        assertThat(before).containsKey(ThreadKind.VM); // every HotSpot JVM has its VM thread
        assertThat(spent.values()).allMatch(ticks -> ticks >= 0);
        assertThat(spent.get(ThreadKind.OTHER))
                .as("this test's thread spun for 100 ms (%d)", sum)
                .isPositive();
    }
}
