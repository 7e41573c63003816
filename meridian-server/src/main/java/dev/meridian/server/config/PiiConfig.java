package dev.meridian.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.meridian.core.pii.CustomPatterns;
import dev.meridian.core.pii.PiiAction;
import dev.meridian.core.pii.PiiClass;
import dev.meridian.core.pii.PiiPolicy;
import dev.meridian.core.pii.PiiScanner;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PII detection and handling ({@code pii}): off unless {@code enabled}; then the action for each data class
 * ({@code actions}, by class key; {@code defaultAction} for the others, default {@code mask}), whether masking is
 * reversible (default true), the gateway's own patterns ({@code patterns}: class name to regex) and per-tenant
 * overrides ({@code tenants.<tenantId>}: {@code enabled}, {@code defaultAction}, {@code actions},
 * {@code reversible}, {@code patterns}; what a tenant leaves out it inherits). Patterns are checked when the
 * configuration is read; a bad one stops the start, named.
 */
public record PiiConfig(PiiPolicy defaults, Map<String, PiiPolicy> tenants, Settings global) {

    /** One level of settings, as written; nulls inherit. */
    public record Settings(
            Boolean enabled,
            String defaultAction,
            Map<String, String> actions,
            Boolean reversible,
            Map<String, String> patterns) {

        static final Settings NONE = new Settings(null, null, null, null, null);
    }

    public PiiConfig {
        tenants = Map.copyOf(tenants);
        global = global == null ? Settings.NONE : global;
    }

    public static PiiConfig off() {
        return new PiiConfig(PiiPolicy.OFF, Map.of(), Settings.NONE);
    }

    @JsonCreator
    static PiiConfig fromYaml(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("defaultAction") String defaultAction,
            @JsonProperty("actions") Map<String, String> actions,
            @JsonProperty("reversible") Boolean reversible,
            @JsonProperty("patterns") Map<String, String> patterns,
            @JsonProperty("tenants") Map<String, Settings> tenants) {
        Settings global = new Settings(enabled, defaultAction, actions, reversible, patterns);
        PiiPolicy defaults = policy(global, null, "pii");
        Map<String, PiiPolicy> byTenant = new LinkedHashMap<>();
        if (tenants != null) {
            tenants.forEach((id, t) -> byTenant.put(id, policy(t, global, "pii.tenants." + id)));
        }
        return new PiiConfig(defaults, byTenant, global);
    }

    /** The policy for a caller of {@code tenantId} (null: a configured key without a tenant). */
    public PiiPolicy forTenant(String tenantId) {
        return tenantId == null ? defaults : tenants.getOrDefault(tenantId, defaults);
    }

    /**
     * The policy of a tenant's own {@code settings} (from the admin API) over the gateway's {@code pii.*} keys, as
     * {@code pii.tenants.<id>} would give; they replace that key's settings for the tenant.
     *
     * @throws IllegalArgumentException naming the setting under {@code where}, as {@link #policy} does
     */
    public PiiPolicy overGateway(Settings settings, String where) {
        return policy(settings, global, where);
    }

    /**
     * The policy of {@code s} over {@code parent}.
     *
     * @throws IllegalArgumentException naming the setting, for an unknown action or class, or a bad pattern
     */
    public static PiiPolicy policy(Settings s, Settings parent, String where) {
        Settings p = parent == null ? Settings.NONE : parent;
        boolean enabled = first(s.enabled(), p.enabled(), false);
        PiiAction fallback = action(first(s.defaultAction(), p.defaultAction(), "mask"), where + ".defaultAction");
        Map<String, String> patterns = new HashMap<>(p.patterns() == null ? Map.of() : p.patterns());
        if (s.patterns() != null) {
            patterns.putAll(s.patterns());
        }
        CustomPatterns custom;
        try {
            custom = CustomPatterns.of(patterns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".patterns: " + e.getMessage(), e);
        }
        Map<String, PiiAction> actions = new HashMap<>();
        for (Map<String, String> level : new Map[] {p.actions(), s.actions()}) {
            if (level != null) {
                for (Map.Entry<String, String> e : level.entrySet()) {
                    if (!known(e.getKey(), custom)) {
                        throw new IllegalArgumentException(where + ".actions." + e.getKey()
                                + ": not a data class (built in: email, phone_cn, phone_us, cn_id, card, iban, ipv4,"
                                + " ipv6, api_key, secret; or a pattern's name)");
                    }
                    actions.put(e.getKey(), action(e.getValue(), where + ".actions." + e.getKey()));
                }
            }
        }
        return new PiiPolicy(
                enabled, fallback, actions, first(s.reversible(), p.reversible(), true), new PiiScanner(custom));
    }

    private static boolean known(String type, CustomPatterns custom) {
        for (PiiClass c : PiiClass.values()) {
            if (c.key().equals(type)) {
                return true;
            }
        }
        return custom.names().contains(type);
    }

    private static PiiAction action(String value, String where) {
        try {
            return PiiAction.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static <T> T first(T a, T b, T otherwise) {
        return a != null ? a : b != null ? b : otherwise;
    }
}
