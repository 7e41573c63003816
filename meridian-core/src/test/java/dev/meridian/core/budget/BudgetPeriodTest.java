package dev.meridian.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void day_startsAtLocalMidnight() {
        // 2026-03-01T17:30Z is already 2026-03-02 01:30 in Shanghai (UTC+8).
        BudgetPeriod.Window w = BudgetPeriod.DAY.window(Instant.parse("2026-03-01T17:30:00Z"), SHANGHAI);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-03-01T16:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
    }

    @Test
    void day_acrossSpringForwardIs23Hours() {
        // New York moves from EST to EDT on 2026-03-08 at 02:00 local.
        BudgetPeriod.Window w = BudgetPeriod.DAY.window(Instant.parse("2026-03-08T12:00:00Z"), NEW_YORK);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void day_acrossFallBackIs25Hours() {
        BudgetPeriod.Window w = BudgetPeriod.DAY.window(Instant.parse("2026-11-01T12:00:00Z"), NEW_YORK);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void day_whereMidnightDoesNotExist_startsAtFirstLocalInstant() {
        // Santiago springs forward at 00:00 on 2026-09-06: that day begins at 01:00 local (04:00Z).
        ZoneId santiago = ZoneId.of("America/Santiago");
        BudgetPeriod.Window w = BudgetPeriod.DAY.window(Instant.parse("2026-09-06T15:00:00Z"), santiago);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-09-07T03:00:00Z"));
    }

    @Test
    void week_startsOnMonday() {
        // 2026-03-01 is a Sunday: its week began on Monday 2026-02-23.
        BudgetPeriod.Window w = BudgetPeriod.WEEK.window(Instant.parse("2026-03-01T23:59:59Z"), UTC);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-02-23T00:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        BudgetPeriod.Window monday = BudgetPeriod.WEEK.window(Instant.parse("2026-03-02T00:00:00Z"), UTC);
        assertThat(monday.start()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void week_inZoneAheadOfUtc_usesLocalMonday() {
        // Sunday 2026-03-01T16:30Z is Monday 00:30 in Shanghai: a new week there.
        BudgetPeriod.Window w = BudgetPeriod.WEEK.window(Instant.parse("2026-03-01T16:30:00Z"), SHANGHAI);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-03-01T16:00:00Z"));
    }

    @Test
    void month_coversCalendarMonth_leapFebruary() {
        BudgetPeriod.Window w = BudgetPeriod.MONTH.window(Instant.parse("2028-02-15T00:00:00Z"), UTC);
        assertThat(w.start()).isEqualTo(Instant.parse("2028-02-01T00:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void month_acrossDstChange_endsAtLocalMidnight() {
        BudgetPeriod.Window w = BudgetPeriod.MONTH.window(Instant.parse("2026-03-20T00:00:00Z"), NEW_YORK);
        assertThat(w.start()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
    }

    @Test
    void total_neverEnds() {
        BudgetPeriod.Window w = BudgetPeriod.TOTAL.window(Instant.parse("2026-03-20T00:00:00Z"), NEW_YORK);
        assertThat(w.start()).isEqualTo(Instant.EPOCH);
        assertThat(w.end()).isNull();
        assertThat(w.contains(Long.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void parse_acceptsWireNamesOnly() {
        assertThat(BudgetPeriod.parse("Week")).contains(BudgetPeriod.WEEK);
        assertThat(BudgetPeriod.parse("fortnight")).isEmpty();
        assertThat(BudgetPeriod.MONTH.wireName()).isEqualTo("month");
    }
}
