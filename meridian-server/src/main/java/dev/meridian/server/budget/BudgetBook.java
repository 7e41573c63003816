package dev.meridian.server.budget;

import dev.meridian.core.budget.BudgetPeriod;
import dev.meridian.core.budget.Money;
import dev.meridian.core.budget.SpendCounter;
import dev.meridian.server.auth.Principal;
import dev.meridian.store.model.Budget;
import dev.meridian.store.repo.BudgetRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The budgets this gateway enforces, each with its spend counter, indexed by the id they limit (ids of tenants,
 * teams, users and keys never collide: each kind has its own prefix). Reads are lock-free, from an immutable index
 * behind a volatile field; changes (blocking: they read the request log) are serialized and replace the index.
 */
final class BudgetBook {

    /** A budget and its counter. */
    record Live(Budget budget, SpendCounter counter) {}

    private record Index(Map<String, Live> byId, Map<String, List<Live>> byScopeId) {
        static final Index EMPTY = new Index(Map.of(), Map.of());
    }

    private final Clock clock;
    private volatile Index index = Index.EMPTY;
    /** Set by {@link #loadAll}, before any change. */
    private BudgetRepository repository;

    BudgetBook(Clock clock) {
        this.clock = clock;
    }

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

    /** Reads every budget and its spend in its current period from the database. Blocking. */
    synchronized void loadAll(BudgetRepository from) {
        repository = from;
        Map<String, Live> byId = new HashMap<>();
        for (Budget b : repository.all()) {
            byId.put(b.id(), fresh(b));
        }
        index = build(byId);
    }

    /**
     * Enforces a new or changed budget. A change of limit, action or alerts keeps the counter (and what running
     * calls reserved); a change of period or time zone starts a counter for the new period from the log. Blocking.
     */
    synchronized void put(Budget b) {
        if (repository == null) {
            return; // not loaded yet: loadAll reads it
        }
        Map<String, Live> byId = new HashMap<>(index.byId);
        Live old = byId.get(b.id());
        Live live;
        if (old != null && samePeriod(old.budget(), b)) {
            old.counter().limit(Money.roundNanos(b.limitUsd()));
            live = new Live(b, old.counter());
        } else {
            live = fresh(b);
        }
        byId.put(b.id(), live);
        index = build(byId);
    }

    synchronized void remove(String budgetId) {
        Map<String, Live> byId = new HashMap<>(index.byId);
        if (byId.remove(budgetId) != null) {
            index = build(byId);
        }
    }

    private Live fresh(Budget b) {
        BudgetPeriod period = BudgetPeriod.valueOf(b.period());
        ZoneId zone = ZoneId.of(b.timeZone());
        Instant now = clock.instant();
        BudgetPeriod.Window w = period.window(now, zone);
        double spent = repository.spend(b.tenantId(), b.scope(), b.scopeId(), w.start(), now.plusMillis(1));
        return new Live(
                b, new SpendCounter(period, zone, Money.roundNanos(b.limitUsd()), Money.roundNanos(spent), now));
    }

    private static boolean samePeriod(Budget a, Budget b) {
        return a.period().equals(b.period()) && a.timeZone().equals(b.timeZone());
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
