package dev.meridian.store.repo;

import java.util.ArrayList;
import java.util.List;

/** A WHERE clause built from optional filters, with its parameters in order. */
final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code clause} with its parameters. */
    Where and(String clause, Object... values) {
        clauses.add(clause);
        params.addAll(List.of(values));
        return this;
    }

    /** Adds {@code clause} (with one parameter, {@code value}) only when {@code value} is not null. */
    Where andIf(Object value, String clause) {
        return value == null ? this : and(clause, value);
    }

    /** The clause with a leading space, or the empty string when there is no filter. */
    String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** The parameters, followed by {@code trailing} ones (a LIMIT, say). */
    Object[] params(Object... trailing) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(trailing));
        return all.toArray();
    }
}
