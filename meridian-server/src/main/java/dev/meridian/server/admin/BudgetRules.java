package dev.meridian.server.admin;

import dev.meridian.core.error.GatewayException;
import dev.meridian.store.model.BudgetAction;
import dev.meridian.store.model.BudgetScope;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a budget's fields may hold; every failure is a 400 naming the field. */
final class BudgetRules {

    /**
     * The largest limit: a billion dollars. Larger is a typo (or a unit mistake) rather than a budget, and spend is
     * counted in nano-dollars, which hold about nine billion.
     */
    static final double MAX_LIMIT_USD = 1_000_000_000;

    static final int MAX_ALERTS = 10;
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private BudgetRules() {}

    /** A limit in dollars: a finite number from 0 (nothing may be spent) to {@link #MAX_LIMIT_USD}. */
    static double limit(double usd) {
        if (!Double.isFinite(usd) || usd < 0 || usd > MAX_LIMIT_USD) {
            throw GatewayException.invalid(
                    "limit_usd", "`limit_usd` must be a number of dollars from 0 to " + (long) MAX_LIMIT_USD + ".");
        }
        return usd;
    }

    /** An IANA time zone such as {@code Europe/Berlin}, or {@code UTC}; offsets like {@code +08:00} are refused. */
    static String timeZone(String zone) {
        String z = Validation.text("time_zone", zone).strip();
        if (!z.equals("UTC") && !ZONES.contains(z)) {
            throw GatewayException.invalid(
                    "time_zone",
                    "`time_zone` must be an IANA time zone such as `Europe/Berlin` or `UTC`: `" + z + "` is not one.");
        }
        return ZoneId.of(z).getId();
    }

    /** Alert fractions: each in (0, 1], at most {@value #MAX_ALERTS}; returned ascending without repeats. */
    static List<Double> alerts(List<Double> fractions) {
        if (fractions.size() > MAX_ALERTS) {
            throw GatewayException.invalid("alert_at", "`alert_at` has more than " + MAX_ALERTS + " entries.");
        }
        for (int i = 0; i < fractions.size(); i++) {
            Double f = fractions.get(i);
            if (f == null || !(f > 0 && f <= 1)) {
                throw GatewayException.invalid(
                        "alert_at[" + i + "]",
                        "`alert_at[" + i + "]` must be a fraction of the limit above 0 and at most 1: 0.8 is 80 %.");
            }
        }
        return fractions.stream().distinct().sorted().toList();
    }

    /** The downgrade group: required for {@code downgrade} and a configured model; refused for {@code reject}. */
    static String downgradeTo(BudgetAction action, String group, AdminCatalog catalog) {
        if (action == BudgetAction.REJECT) {
            if (group != null && !group.isEmpty()) {
                throw GatewayException.invalid(
                        "downgrade_to", "`downgrade_to` applies only with `on_exceed: downgrade`.");
            }
            return null;
        }
        if (group == null || group.isBlank()) {
            throw GatewayException.invalid(
                    "downgrade_to", "`on_exceed: downgrade` needs `downgrade_to`, the cheaper model to serve from.");
        }
        String name = Validation.name("downgrade_to", group);
        catalog.checkModel("downgrade_to", name);
        return name;
    }

    static String scopeName(BudgetScope scope) {
        return scope.name().toLowerCase(Locale.ROOT);
    }
}
