package dev.meridian.core.budget;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a budget's spend accumulates before it starts again from zero. Periods are calendar-aligned in the
 * budget's time zone: a day from local midnight, an ISO week from Monday's midnight, a month from the first's
 * midnight; {@link #TOTAL} never restarts. Across a DST change a day is 23 or 25 hours long; where midnight does not
 * exist (a zone that springs forward at 00:00) the period starts at the first instant of that local day.
 */
public enum BudgetPeriod {
    DAY,
    WEEK,
    MONTH,
    TOTAL;

    /**
     * The bounds of one period.
     *
     * @param start the first instant of the period
     * @param end   the first instant of the next period, or null for {@link #TOTAL}
     */
    public record Window(Instant start, Instant end) {
        public Window {
            requireNonNull(start, "start");
        }

        /** Whether {@code epochMillis} falls in this window. */
        public boolean contains(long epochMillis) {
            return epochMillis >= start.toEpochMilli() && (end == null || epochMillis < end.toEpochMilli());
        }
    }

    /** The period containing {@code now} in {@code zone}. {@link #TOTAL} runs from the epoch, without end. */
    public Window window(Instant now, ZoneId zone) {
        if (this == TOTAL) {
            return new Window(Instant.EPOCH, null);
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = switch (this) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
            case TOTAL -> throw new AssertionError();
        };
        LocalDate next = switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
            case TOTAL -> throw new AssertionError();
        };
        return new Window(startOf(first, zone), startOf(next, zone));
    }

    /** The name the admin API and the database use: {@code day}, {@code week}, {@code month}, {@code total}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period named {@code name} (case-insensitive), or empty. */
    public static Optional<BudgetPeriod> parse(String name) {
        for (BudgetPeriod p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        // atStartOfDay(zone) moves to the first valid instant when midnight falls in a DST gap.
        ZonedDateTime start = day.atStartOfDay(zone);
        return start.toInstant();
    }
}
