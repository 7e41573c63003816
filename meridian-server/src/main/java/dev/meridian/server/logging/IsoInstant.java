package dev.meridian.server.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC, the fraction in groups of three digits, none when zero) without
 * a formatter call per instant: the date and time of day are formatted once per second and kept, so a log writing
 * thousands of lines a second formats only their fractions. Thread-safe.
 */
public final class IsoInstant {

    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: outside them the year has other than four digits. */
    private static final long FIRST = -62_167_219_200L;

    private static final long END = 253_402_300_800L;

    private record Second(long epochSecond, String text) {}

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private IsoInstant() {}

    /** The same text as {@code t.toString()}. */
    public static String format(Instant t) {
        long s = t.getEpochSecond();
        if (s < FIRST || s >= END) {
            return t.toString();
        }
        Second kept = last;
        if (kept.epochSecond() != s) {
            kept = new Second(s, SECOND.format(t));
            last = kept;
        }
        int nano = t.getNano();
        StringBuilder out = new StringBuilder(kept.text().length() + 11).append(kept.text());
        if (nano != 0) {
            int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
            String v = Integer.toString(value);
            out.append('.');
            for (int pad = digits - v.length(); pad > 0; pad--) {
                out.append('0');
            }
            out.append(v);
        }
        return out.append('Z').toString();
    }
}
