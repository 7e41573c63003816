package dev.meridian.server.admin;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.RateLimitsInput;
import dev.meridian.server.auth.ModelPatterns;
import dev.meridian.store.model.RateLimits;
import java.util.List;

/**
 * The ranges of plan, quota and rate-limit input; every failure is a 400 naming the field. The ceilings are far
 * above any real use, and low enough that a typo of a few extra digits is caught rather than meaning "unlimited".
 */
final class LimitRules {

    /** Requests per minute: a billion. */
    static final long MAX_RPM = 1_000_000_000L;

    /** Tokens per minute: a trillion. */
    static final long MAX_TPM = 1_000_000_000_000L;

    /** Tokens per month: a quadrillion. */
    static final long MAX_MONTHLY_TOKENS = 1_000_000_000_000_000L;

    /** Dollars per month: a billion, which still counts exactly in nano-dollars. */
    static final double MAX_MONTHLY_USD = 1e9;

    /** The names plans may have: they appear in URLs. */
    private static final java.util.regex.Pattern PLAN_NAME =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private LimitRules() {}

    static Long count(String param, Long value, long max) {
        if (value != null && (value < 0 || value > max)) {
            throw GatewayException.invalid(param, "`" + param + "` must be an integer from 0 to " + max + ".");
        }
        return value;
    }

    static Double dollars(String param, Double value) {
        if (value != null && !(value >= 0 && value <= MAX_MONTHLY_USD)) {
            throw GatewayException.invalid(
                    param, "`" + param + "` must be a number of dollars from 0 to " + (long) MAX_MONTHLY_USD + ".");
        }
        return value;
    }

    static <T> T required(String param, T value) {
        if (value == null) {
            throw GatewayException.invalid(param, "`" + param + "` is required.");
        }
        return value;
    }

    static String planName(String param, String name) {
        String v = Validation.name(param, name);
        if (!PLAN_NAME.matcher(v).matches()) {
            throw GatewayException.invalid(
                    param,
                    "`" + param + "` must be 1 to 63 lower-case letters, digits, `.`, `_` or `-`, starting with a"
                            + " letter or digit.");
        }
        return v;
    }

    /**
     * {@code current} with the fields of {@code input} applied: absent fields stay, null ones clear; null input
     * changes nothing.
     */
    static RateLimits rates(String param, RateLimitsInput input, RateLimits current) {
        if (input == null) {
            return current;
        }
        return new RateLimits(
                count(
                        param + ".requests_per_minute",
                        Clearable.apply(input.requestsPerMinute(), current.requestsPerMinute()),
                        MAX_RPM),
                count(
                        param + ".tokens_per_minute",
                        Clearable.apply(input.tokensPerMinute(), current.tokensPerMinute()),
                        MAX_TPM));
    }

    /**
     * A plan's or a quota's model list: 1 to {@value Validation#MAX_MODELS} entries, each a configured model or a
     * well-formed {@code *}-pattern (which may name models not configured yet).
     */
    static List<String> models(String param, List<String> models, AdminCatalog catalog) {
        if (models.isEmpty()) {
            throw GatewayException.invalid(
                    param, "`" + param + "` must name at least one model or pattern; use [\"*\"] for every model.");
        }
        List<String> checked = Validation.models(param, models);
        for (int i = 0; i < models.size(); i++) {
            String entry = models.get(i).strip();
            if (ModelPatterns.isPattern(entry)) {
                String problem = ModelPatterns.problem(entry);
                if (problem != null) {
                    throw GatewayException.invalid(
                            param + "[" + i + "]",
                            "`" + param + "[" + i + "]` is no model pattern: it " + problem + ".");
                }
            } else {
                catalog.checkModel(param + "[" + i + "]", entry); // a pattern may name future models; a name may not
            }
        }
        return checked;
    }
}
