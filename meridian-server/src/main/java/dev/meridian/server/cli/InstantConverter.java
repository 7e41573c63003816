package dev.meridian.server.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * A point in time on the command line: a date ({@code 2030-01-01}, midnight UTC) or an instant with its offset
 * ({@code 2030-01-01T12:00:00Z}, {@code 2030-01-01T14:00:00+02:00}); anything else is refused with the format.
 */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

    static final String FORMAT = "a date such as 2030-01-01 (midnight UTC) or an instant such as 2030-01-01T12:00:00Z";

    @Override
    public Instant convert(String value) {
        String v = value.trim();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a date or instant; use " + FORMAT);
        }
    }
}
