package dev.meridian.core.relay;

import dev.meridian.core.model.StreamEvent;
import java.util.function.Consumer;

/**
 * One step between a provider's decoded stream and the caller's encoder: usage accounting, and later cache
 * assembly and PII restoration. A filter sees every canonical event in order and hands on zero or more events
 * (usually the one it got) to {@code next}; it may observe only, or rewrite. Filters run in the order the
 * request lists them. One instance per stream; not thread-safe; pure (no I/O).
 *
 * <p>A stream that passes through unchanged (same protocol in and out) has no canonical events: a request
 * whose filters must see them turns pass-through off ({@code InboundRequest.canonicalOnly()}).
 */
public interface StreamFilter {

    /** One event on its way to the caller. */
    void onEvent(StreamEvent event, Consumer<StreamEvent> next);

    /** The provider's stream ended normally; a filter may hand on what it still holds. */
    default void onEnd(Consumer<StreamEvent> next) {}
}
