package dev.meridian.store.model;

import java.util.List;
import java.util.Objects;

/**
 * One page of a listing.
 *
 * @param nextCursor opaque token for the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
