package dev.meridian.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The access log's timestamps must read exactly as {@link Instant#toString()} writes them. */
class IsoInstantTest {

    @Property(tries = 5000, seed = "20261205")
    void sameTextAsInstantToString(@ForAll("instants") Instant t) {
        assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
    }

    @Test
    void fractionsInGroupsOfThree_andNoneWhenZero() {
        assertThat(IsoInstant.format(Instant.parse("2026-12-05T21:31:00Z"))).isEqualTo("2026-12-05T21:31:00Z");
        assertThat(IsoInstant.format(Instant.parse("2026-12-05T21:31:24.120Z"))).isEqualTo("2026-12-05T21:31:24.120Z");
        assertThat(IsoInstant.format(Instant.parse("2026-12-05T21:31:24.000450Z")))
                .isEqualTo("2026-12-05T21:31:24.000450Z");
        assertThat(IsoInstant.format(Instant.parse("2026-12-05T21:31:24.000000007Z")))
                .isEqualTo("2026-12-05T21:31:24.000000007Z");
    }

    /** Nearby instants (the cached second is reused and replaced) and far ones, years 0 to 9999 and beyond. */
    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(1_764_900_000L, 1_764_900_003L),
                Arbitraries.longs().between(-62_167_219_200L - 2, 253_402_300_800L + 2),
                Arbitraries.longs().between(-400_000_000_000L, 400_000_000_000L));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.just(0));
        return net.jqwik.api.Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }
}
