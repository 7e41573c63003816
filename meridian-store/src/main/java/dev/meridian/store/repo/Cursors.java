package dev.meridian.store.repo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: the sort key of the last row returned, base64url-encoded so callers do not parse them. */
final class Cursors {
  private Cursors() {}

  static String encode(long time, String id) {
    return Base64.getUrlEncoder().withoutPadding()
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

  static void checkLimit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new IllegalArgumentException("limit must be 1 to " + max + ", was " + limit);
    }
  }
}
