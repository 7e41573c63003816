package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.checkSuperAdmin;
import static dev.meridian.server.admin.Access.notFound;
import static dev.meridian.server.admin.LimitRules.count;
import static dev.meridian.server.admin.LimitRules.dollars;
import static dev.meridian.server.admin.LimitRules.required;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.CreatePlan;
import dev.meridian.server.admin.AdminRequests.UpdatePlan;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.store.model.Plan;
import dev.meridian.store.repo.DuplicateException;
import dev.meridian.store.repo.PlanInUseException;
import dev.meridian.store.repo.PlanRepository;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans, the platform's commercial terms: only the super-admin reads and changes them. A change reaches every
 * tenant on the plan (those that do not override the term) within the key cache's change poll.
 */
public final class PlanAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(PlanAdmin.class);

    private final PlanRepository plans;
    private final AuditTrail audit;
    private final Runnable keysChanged;
    private final AdminCatalog catalog;

    PlanAdmin(PlanRepository plans, AuditTrail audit, Runnable keysChanged, AdminCatalog catalog) {
        this.plans = plans;
        this.audit = audit;
        this.keysChanged = keysChanged;
        this.catalog = catalog;
    }

    public Plan create(Actor actor, CreatePlan req) {
        checkSuperAdmin(actor, "create plans");
        Plan draft = Plan.draft(
                LimitRules.planName("name", req.name()),
                count("monthly_tokens", required("monthly_tokens", req.monthlyTokens()), LimitRules.MAX_MONTHLY_TOKENS),
                dollars("monthly_cost_limit_usd", required("monthly_cost_limit_usd", req.monthlyCostLimitUsd())),
                count(
                        "requests_per_minute",
                        required("requests_per_minute", req.requestsPerMinute()),
                        LimitRules.MAX_RPM),
                count("tokens_per_minute", req.tokensPerMinute(), LimitRules.MAX_TPM),
                LimitRules.models("models", required("models", req.models()), catalog));
        Plan plan;
        try {
            plan = plans.create(draft);
        } catch (DuplicateException e) {
            throw GatewayException.invalid("name", "A plan named `" + draft.name() + "` already exists.");
        }
        audit.record(actor, null, "plan.create", "plan", plan.name(), null, plan);
        return plan;
    }

    public ListView<Plan> list(Actor actor) {
        checkSuperAdmin(actor, "read plans");
        return ListView.of(plans.list());
    }

    public Plan get(Actor actor, String name) {
        checkSuperAdmin(actor, "read plans");
        return plan(name);
    }

    public Plan update(Actor actor, String name, UpdatePlan req) {
        checkSuperAdmin(actor, "change plans");
        Plan before = plan(name);
        Plan draft = Plan.draft(
                name,
                orElse(
                        count("monthly_tokens", req.monthlyTokens(), LimitRules.MAX_MONTHLY_TOKENS),
                        before.monthlyTokens()),
                orElse(dollars("monthly_cost_limit_usd", req.monthlyCostLimitUsd()), before.monthlyCostLimitUsd()),
                orElse(
                        count("requests_per_minute", req.requestsPerMinute(), LimitRules.MAX_RPM),
                        before.requestsPerMinute()),
                count(
                        "tokens_per_minute",
                        Clearable.apply(req.tokensPerMinute(), before.tokensPerMinute()),
                        LimitRules.MAX_TPM),
                req.models() == null ? before.models() : LimitRules.models("models", req.models(), catalog));
        Plan stored = plans.update(draft);
        keysChanged.run();
        audit.record(actor, null, "plan.update", "plan", name, before, stored);
        return stored;
    }

    /** Deletes a plan no tenant is on; 409 {@code plan_in_use} otherwise. */
    public Plan delete(Actor actor, String name) {
        checkSuperAdmin(actor, "delete plans");
        Plan before = plan(name);
        try {
            plans.delete(name);
        } catch (PlanInUseException e) {
            throw GatewayException.of(
                    ErrorCode.PLAN_IN_USE,
                    "Plan `" + name + "` is the plan of " + e.tenants()
                            + " tenant(s); move them to another plan first.");
        }
        audit.record(actor, null, "plan.delete", "plan", name, before, null);
        return before;
    }

    /**
     * Logs a warning for every plan that includes none of the models this gateway serves: its tenants can call
     * nothing. The seeded plans name the embedded default's models, so a configuration with its own names needs its
     * plans adapted (docs/admin-api.md, "Plans"). Blocking (JDBC).
     */
    public void warnOfPlansServingNothing() {
        for (Plan plan : plans.list()) {
            if (!catalog.servesAny(plan.models())) {
                LOG.warn(
                        "plan {} includes none of the models this gateway serves ({}): its {} tenant(s) can call no"
                                + " model. Change it with PATCH /admin/v1/plans/{}",
                        plan.name(),
                        String.join(", ", plan.models()),
                        plans.tenantCount(plan.name()),
                        plan.name());
            }
        }
    }

    /** The plan named {@code name}, or a 400 on {@code param} naming the plans there are. */
    String checkExists(String param, String name) {
        if (plans.get(name).isEmpty()) {
            throw GatewayException.invalid(
                    param,
                    "Unknown plan `" + name + "`; plans: "
                            + plans.list().stream().map(Plan::name).collect(Collectors.joining(", ")) + ".");
        }
        return name;
    }

    private Plan plan(String name) {
        return plans.get(name).orElseThrow(() -> notFound("plan", name));
    }

    private static <T> T orElse(T value, T current) {
        return value != null ? value : current;
    }
}
