package dev.meridian.server.admin;

import dev.meridian.core.error.GatewayException;
import dev.meridian.store.model.Page;
import java.util.function.Supplier;

/** The admin API's paging rules: page sizes, and cursors the store did not issue. */
final class Paging {

    /** Page size when a listing does not say. */
    static final int DEFAULT_PAGE = 100;

    private Paging() {}

    /** The page size asked for, 1 to {@code max} (else 400 on {@code limit}); {@link #DEFAULT_PAGE} when null. */
    static int limit(Integer limit, int max) {
        if (limit == null) {
            return Math.min(DEFAULT_PAGE, max);
        }
        if (limit < 1 || limit > max) {
            throw GatewayException.invalid("limit", "`limit` must be 1 to " + max + ".");
        }
        return limit;
    }

    /** Runs a paged read; a cursor the store did not issue is a 400 on {@code param}. */
    static <T> Page<T> page(String param, Supplier<Page<T>> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(param, "Invalid `" + param + "`: use the `next_cursor` of a previous page.");
        }
    }
}
