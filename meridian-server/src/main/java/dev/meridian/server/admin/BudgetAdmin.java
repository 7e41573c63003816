package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.notFound;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.CreateBudget;
import dev.meridian.server.admin.AdminRequests.UpdateBudget;
import dev.meridian.server.admin.AdminViews.BudgetView;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.server.budget.BudgetLedger;
import dev.meridian.store.model.Budget;
import dev.meridian.store.model.BudgetAction;
import dev.meridian.store.model.BudgetScope;
import dev.meridian.store.model.Permission;
import dev.meridian.store.repo.BudgetRepository;
import dev.meridian.store.repo.DuplicateException;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's budgets: set by those who manage its billing (admins, billing), read by anyone who may view its usage.
 * Reads show the money of the current period from the gateway's own counters. Every change is validated whole
 * before anything is written, audited, and handed to enforcement at once.
 */
public final class BudgetAdmin {

    static final List<Double> DEFAULT_ALERTS = List.of(0.5, 0.8, 0.95);

    private final BudgetRepository budgets;
    private final Lookups lookups;
    private final AuditTrail audit;
    private final AdminCatalog catalog;
    private final BudgetLedger ledger;

    BudgetAdmin(
            BudgetRepository budgets, Lookups lookups, AuditTrail audit, AdminCatalog catalog, BudgetLedger ledger) {
        this.budgets = budgets;
        this.lookups = lookups;
        this.audit = audit;
        this.catalog = catalog;
        this.ledger = ledger;
    }

    public BudgetView create(Actor actor, String tenantId, CreateBudget req) {
        check(actor, tenantId, Permission.MANAGE_BILLING);
        lookups.tenant(tenantId);
        if (req.scope() == null) {
            throw GatewayException.invalid("scope", "`scope` is required: tenant, team, user or key.");
        }
        String scopeId = req.scopeId() == null && req.scope() == BudgetScope.TENANT ? tenantId : req.scopeId();
        Validation.name("scope_id", scopeId);
        if (req.period() == null) {
            throw GatewayException.invalid("period", "`period` is required: day, week, month or total.");
        }
        if (req.limitUsd() == null) {
            throw GatewayException.invalid("limit_usd", "`limit_usd` is required.");
        }
        BudgetAction action = req.onExceed() == null ? BudgetAction.REJECT : req.onExceed();
        Instant now = Instant.EPOCH; // the repository stamps the real times
        Budget draft = new Budget(
                "new",
                tenantId,
                req.scope(),
                scopeId.strip(),
                req.period().name(),
                BudgetRules.timeZone(req.timeZone() == null ? "UTC" : req.timeZone()),
                BudgetRules.limit(req.limitUsd()),
                action,
                BudgetRules.downgradeTo(action, req.downgradeTo(), catalog),
                BudgetRules.alerts(req.alertAt() == null ? DEFAULT_ALERTS : req.alertAt()),
                now,
                now);
        Budget created;
        try {
            created = budgets.create(draft);
        } catch (DuplicateException e) {
            throw overlap(draft);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(
                    "scope_id",
                    "No " + BudgetRules.scopeName(draft.scope()) + " `" + draft.scopeId() + "` in this tenant.");
        }
        ledger.changed(created);
        audit.record(actor, tenantId, "budget.create", "budget", created.id(), null, created);
        return view(created);
    }

    /** One page of the tenant's budgets in id order, each with its money now. */
    public ListView<BudgetView> list(Actor actor, String tenantId, String cursor, Integer limit) {
        check(actor, tenantId, Permission.VIEW_USAGE);
        lookups.tenant(tenantId);
        ListView<Budget> page = ListView.of(Paging.page(
                "cursor", () -> budgets.list(tenantId, cursor, Paging.limit(limit, BudgetRepository.MAX_PAGE))));
        return new ListView<>(page.data().stream().map(this::view).toList(), page.nextCursor());
    }

    public BudgetView get(Actor actor, String tenantId, String budgetId) {
        check(actor, tenantId, Permission.VIEW_USAGE);
        return view(find(tenantId, budgetId));
    }

    /** Changes period, time zone, limit, action, downgrade group or alerts; scope and scope id never change. */
    public BudgetView update(Actor actor, String tenantId, String budgetId, UpdateBudget req) {
        check(actor, tenantId, Permission.MANAGE_BILLING);
        Budget before = find(tenantId, budgetId);
        BudgetAction action = req.onExceed() == null ? before.onExceed() : req.onExceed();
        String downgradeTo = req.downgradeTo() != null
                ? req.downgradeTo()
                : action == BudgetAction.DOWNGRADE ? before.downgradeTo() : null;
        Budget changed = before.withSettings(
                req.period() == null ? before.period() : req.period().name(),
                req.timeZone() == null ? before.timeZone() : BudgetRules.timeZone(req.timeZone()),
                req.limitUsd() == null ? before.limitUsd() : BudgetRules.limit(req.limitUsd()),
                action,
                BudgetRules.downgradeTo(action, downgradeTo, catalog),
                req.alertAt() == null ? before.alertAt() : BudgetRules.alerts(req.alertAt()),
                before.updatedAt());
        Budget after;
        try {
            after = budgets.update(changed).orElseThrow(() -> notFound("budget", budgetId));
        } catch (DuplicateException e) {
            throw overlap(changed);
        }
        ledger.changed(after);
        audit.record(actor, tenantId, "budget.update", "budget", budgetId, before, after);
        return view(after);
    }

    public Budget delete(Actor actor, String tenantId, String budgetId) {
        check(actor, tenantId, Permission.MANAGE_BILLING);
        Budget budget = find(tenantId, budgetId);
        budgets.delete(budgetId);
        ledger.removed(budgetId);
        audit.record(actor, tenantId, "budget.delete", "budget", budgetId, budget, null);
        return budget;
    }

    private Budget find(String tenantId, String budgetId) {
        lookups.tenant(tenantId);
        return budgets.get(budgetId)
                .filter(b -> b.tenantId().equals(tenantId))
                .orElseThrow(() -> notFound("budget", budgetId));
    }

    private BudgetView view(Budget b) {
        return BudgetView.of(b, ledger.spend(b));
    }

    private static GatewayException overlap(Budget b) {
        return GatewayException.invalid(
                "period",
                "The " + BudgetRules.scopeName(b.scope()) + " `" + b.scopeId() + "` already has a "
                        + BudgetPeriod.valueOf(b.period()).wireName()
                        + " budget; change that one instead of adding another.");
    }
}
