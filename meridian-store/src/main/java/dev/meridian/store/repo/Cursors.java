package dev.meridian.store.repo;

import dev.meridian.store.model.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Opaque page cursors: the sort key of the last row returned, base64url-encoded so callers do not parse them. */
final class Cursors {
    private Cursors() {}

    static String encode(long time, String id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((time + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String id) {
        return encode(0, id);
    }

    /** The (time, id) pair of a cursor. */
    record Position(long time, String id) {}

    static Position decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new Position(Long.parseLong(text.substring(0, bar)), text.substring(bar + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("invalid page cursor: " + cursor, e);
        }
    }

    /**
     * The page of {@code rows}, fetched with LIMIT {@code limit + 1}: the extra row only tells that more exist, and the
     * cursor is taken from the last row kept.
     */
    static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> kept = rows.subList(0, limit);
        return new Page<>(kept, cursorOf.apply(kept.get(limit - 1)));
    }

    static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be 1 to " + max + ", was " + limit);
        }
    }
}
