package dev.meridian.server.budget;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.core.budget.Money;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.limits.Meter;
import dev.meridian.store.model.Budget;
import dev.meridian.store.repo.BudgetRepository;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The budgets this gateway enforces, each with the meter that counts it in the {@code LimitStore}, indexed by the
 * id they limit (ids of tenants, teams, users and keys never collide: each kind has its own prefix). Reads are
 * lock-free, from an immutable index behind a volatile field; changes are serialized and replace the index.
 */
final class BudgetBook {

    /** A budget and its meter. */
    record Live(Budget budget, Meter meter) {}

    private record Index(Map<String, Live> byId, Map<String, List<Live>> byScopeId) {
        static final Index EMPTY = new Index(Map.of(), Map.of());
    }

    private volatile Index index = Index.EMPTY;
    private boolean loaded;

    /**
     * The budgets that apply to a caller: its tenant's, its team's, its user's and its key's; empty for a caller
     * without a tenant (a key from the configuration file). Allocates only when some apply.
     */
    List<Live> applicable(Principal p) {
        if (p.tenantId() == null) {
            return List.of();
        }
        Map<String, List<Live>> by = index.byScopeId;
        if (by.isEmpty()) {
            return List.of();
        }
        List<Live> tenant = by.get(p.tenantId());
        List<Live> team = p.teamId() == null ? null : by.get(p.teamId());
        List<Live> user = p.userId() == null ? null : by.get(p.userId());
        List<Live> key = p.keyId() == null ? null : by.get(p.keyId());
        if (team == null && user == null && key == null) {
            return tenant == null ? List.of() : tenant;
        }
        List<Live> all = new ArrayList<>(4);
        addAll(all, tenant);
        addAll(all, team);
        addAll(all, user);
        addAll(all, key);
        return all;
    }

    private static void addAll(List<Live> into, List<Live> part) {
        if (part != null) {
            into.addAll(part);
        }
    }

    Live get(String budgetId) {
        return index.byId.get(budgetId);
    }

    /** Reads every budget from the database. Blocking. */
    synchronized void loadAll(BudgetRepository from) {
        Map<String, Live> byId = new HashMap<>();
        for (Budget b : from.all()) {
            byId.put(b.id(), live(b));
        }
        index = build(byId);
        loaded = true;
    }

    /**
     * Enforces a new or changed budget. A change of limit, action or alerts keeps its meter (and what running calls
     * reserved); a change of period or time zone is a new meter, whose spend is read from the request log.
     */
    synchronized void put(Budget b) {
        if (!loaded) {
            return; // loadAll reads it
        }
        Map<String, Live> byId = new HashMap<>(index.byId);
        byId.put(b.id(), live(b));
        index = build(byId);
    }

    synchronized void remove(String budgetId) {
        Map<String, Live> byId = new HashMap<>(index.byId);
        if (byId.remove(budgetId) != null) {
            index = build(byId);
        }
    }

    /** The meter of a budget: named by its id, period and zone, so that only those start a new count. */
    static Live live(Budget b) {
        Meter meter = Meter.window(
                "budget:" + b.id() + ":" + b.period() + ":" + b.timeZone(),
                Money.roundNanos(b.limitUsd()),
                BudgetPeriod.valueOf(b.period()),
                ZoneId.of(b.timeZone()),
                new Meter.Seed(b.tenantId(), b.scope(), b.scopeId(), Meter.Unit.NANO_USD));
        return new Live(b, meter);
    }

    private static Index build(Map<String, Live> byId) {
        Map<String, List<Live>> byScope = new HashMap<>();
        for (Live l : byId.values()) {
            byScope.computeIfAbsent(l.budget().scopeId(), k -> new ArrayList<>(2))
                    .add(l);
        }
        byScope.replaceAll((k, v) -> List.copyOf(v));
        return new Index(Map.copyOf(byId), Map.copyOf(byScope));
    }
}
