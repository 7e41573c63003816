package dev.meridian.server.admin;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.RetentionInput;
import dev.meridian.server.config.Units;
import dev.meridian.store.model.TenantRetention;
import java.time.Duration;

/** A tenant's retention as the admin API writes it: "90d", "36h"; from one hour to 100 years. */
final class RetentionRules {

    static final Duration MIN = Duration.ofHours(1);
    static final Duration MAX = Duration.ofDays(36_500);

    private RetentionRules() {}

    /** {@code current} with the fields of {@code input} applied: absent ones stay, null ones follow the default. */
    static TenantRetention apply(RetentionInput input, TenantRetention current) {
        if (input == null) {
            return current;
        }
        return new TenantRetention(
                parse("retention.request_log", Clearable.apply(input.requestLog(), format(current.requestLog()))),
                parse("retention.bodies", Clearable.apply(input.bodies(), format(current.bodies()))));
    }

    private static String format(Duration d) {
        return d == null ? null : Units.format(d);
    }

    private static Duration parse(String param, String text) {
        if (text == null) {
            return null;
        }
        Duration d;
        try {
            d = Units.duration(text);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(param, "`" + param + "`: " + e.getMessage() + ".");
        }
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw GatewayException.invalid(param, "`" + param + "` must be from 1h to 36500d.");
        }
        return d;
    }
}
