package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.checkTenant;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.pii.PiiAction;
import dev.meridian.core.pii.PiiPolicy;
import dev.meridian.server.config.PiiConfig;
import dev.meridian.server.pii.TenantPiiPolicies;
import dev.meridian.store.model.Permission;
import dev.meridian.store.repo.TenantPiiRepository;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's own PII settings ({@code /tenants/{id}/pii}): the fields of {@code pii.tenants.<id>}, validated by the
 * code that validates the configuration (a catastrophic pattern is refused here, named, before it is stored), kept
 * in the database, and applied on every replica at its next change poll (on this one at once). They replace the
 * configuration's settings for the tenant; deleting them brings those back. Members of the tenant read them; its
 * admins ({@code manage_tenant}) and the super-admin change them, audited as {@code tenant.pii.update} and
 * {@code tenant.pii.delete} with the settings before and after (patterns are rules, not personal data).
 */
final class PiiAdmin {

    private final TenantPiiRepository stored;
    private final Lookups lookups;
    private final AuditTrail audit;
    private final TenantPiiPolicies policies;

    PiiAdmin(TenantPiiRepository stored, Lookups lookups, AuditTrail audit, TenantPiiPolicies policies) {
        this.stored = stored;
        this.lookups = lookups;
        this.audit = audit;
        this.policies = policies;
    }

    /** {@code GET}: the stored settings, if any, and the policy in force. */
    Object get(Actor actor, String tenantId) {
        checkTenant(actor, tenantId);
        lookups.tenant(tenantId);
        return view(
                tenantId, stored.get(tenantId).map(TenantPiiPolicies::fromJson).orElse(null));
    }

    /** {@code PUT}: validates, stores and applies {@code body}, replacing what the tenant had. */
    Object put(Actor actor, String tenantId, PiiConfig.Settings settings) {
        check(actor, tenantId, Permission.MANAGE_TENANT);
        lookups.tenant(tenantId);
        PiiPolicy policy;
        try {
            policy = policies.validate(settings);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        Map<String, Object> before = view(
                tenantId, stored.get(tenantId).map(TenantPiiPolicies::fromJson).orElse(null));
        stored.put(tenantId, TenantPiiPolicies.toJson(settings));
        policies.changed(tenantId, policy);
        Map<String, Object> after = view(tenantId, settings);
        audit.record(actor, tenantId, "tenant.pii.update", "tenant", tenantId, before, after);
        return after;
    }

    /** {@code DELETE}: the configuration's settings apply to the tenant again. */
    Object delete(Actor actor, String tenantId) {
        check(actor, tenantId, Permission.MANAGE_TENANT);
        lookups.tenant(tenantId);
        Map<String, Object> before = view(
                tenantId, stored.get(tenantId).map(TenantPiiPolicies::fromJson).orElse(null));
        if (stored.delete(tenantId)) {
            policies.changed(tenantId, null);
            audit.record(actor, tenantId, "tenant.pii.delete", "tenant", tenantId, before, null);
        }
        return view(tenantId, null);
    }

    /**
     * A validation message names the setting as {@code pii.<field>[.<key>]: why}; the field path without the
     * {@code pii.} prefix is the {@code param}, in the API's snake case.
     */
    private static GatewayException invalid(String message) {
        int colon = message.indexOf(": ");
        String path = colon > 0 ? message.substring(0, colon) : "pii";
        String param = path.startsWith("pii.") ? path.substring(4) : path;
        param = param.replace("defaultAction", "default_action");
        return GatewayException.invalid(
                param, "`" + param + "`: " + (colon > 0 ? message.substring(colon + 2) : message));
    }

    private Map<String, Object> view(String tenantId, PiiConfig.Settings own) {
        PiiPolicy effective = policies.forTenant(tenantId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("object", "tenant.pii");
        view.put("tenant_id", tenantId);
        view.put("source", own == null ? "configuration" : "admin");
        view.put("settings", own == null ? null : settingsView(own));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("enabled", effective.enabled());
        e.put("active", effective.active());
        e.put("default_action", name(effective.defaultAction()));
        Map<String, String> actions = new TreeMap<>();
        effective.actions().forEach((k, v) -> actions.put(k, name(v)));
        e.put("actions", actions);
        e.put("reversible", effective.reversible());
        view.put("effective", e);
        return view;
    }

    private static Map<String, Object> settingsView(PiiConfig.Settings s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("enabled", s.enabled());
        v.put("default_action", s.defaultAction());
        v.put("actions", s.actions());
        v.put("reversible", s.reversible());
        v.put("patterns", s.patterns());
        return v;
    }

    private static String name(PiiAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }
}
